"""The citizen's rights over what is held: find it (holdings), export it, erase it (forget).

May import: facilitator.directory, facilitator.meetings and the layers below.
"""
