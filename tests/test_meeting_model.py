"""The turn rules of an open-dialogue meeting, as examples and as properties."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.domain.meeting import MeetingRuleError, MeetingState, Participant
from facilitator.domain.vocabulary import NoteKind, ParticipantKind, Phase, TurnKind

NOW = "2026-11-26T10:00:00"


def make_state(kinds: list[ParticipantKind]) -> MeetingState:
    people = [
        Participant(id=i + 1, name=f"P{i + 1}", kind=k, position=i) for i, k in enumerate(kinds)
    ]
    return MeetingState(participants=people)


def circle() -> MeetingState:
    return make_state(
        [
            ParticipantKind.BORGER,
            ParticipantKind.PRIVAT,
            ParticipantKind.FAGPERSON,
            ParticipantKind.MEDBORGERGUIDE,
            ParticipantKind.FAGPERSON,
        ]
    )


def test_round_robin_citizen_first_and_everyone_once() -> None:
    state = circle()
    state.set_phase(Phase.RUNDER, NOW)
    order = []
    while state.current_speaker is not None:
        order.append(state.current_speaker.id)
        state.advance(NOW)
    assert order == [1, 2, 3, 4, 5]
    assert state.round_complete
    assert state.not_yet_spoken() == []


def test_next_speaker_shown_beneath_current() -> None:
    state = circle()
    state.set_phase(Phase.RUNDER, NOW)
    assert state.current_speaker and state.current_speaker.id == 1
    assert state.next_speaker and state.next_speaker.id == 2


def test_pass_counts_as_a_turn_but_not_as_speaking() -> None:
    state = circle()
    state.set_phase(Phase.RUNDER, NOW)
    state.advance(NOW)  # citizen spoke
    state.advance(NOW, passed=True)  # P2 passes
    assert [t.passed for t in state.turns[:2]] == [False, True]
    assert 2 in {p.id for p in state.never_spoken()}
    assert state.current_speaker and state.current_speaker.id == 3


def test_pause_records_nothing() -> None:
    state = circle()
    state.set_phase(Phase.RUNDER, NOW)
    state.paused = True
    with pytest.raises(MeetingRuleError):
        state.record_note(NoteKind.OENSKE)
    with pytest.raises(MeetingRuleError):
        state.advance(NOW)
    assert state.notes == []


def test_reflection_professionals_then_citizen_answers_first() -> None:
    state = circle()
    state.set_phase(Phase.REFLEKSION, NOW)
    order = []
    kinds = []
    while state.current_speaker is not None:
        order.append(state.current_speaker.id)
        kinds.append(state.current_turn.kind if state.current_turn else None)
        state.advance(NOW)
    assert order == [3, 5, 1, 2, 4]
    assert kinds[:3] == [TurnKind.REFLEKSION, TurnKind.REFLEKSION, TurnKind.SVAR]
    with pytest.raises(MeetingRuleError):
        state.advance(NOW)  # reflection does not go round again by itself


def test_future_recall_citizen_first_even_when_reordered() -> None:
    state = circle()
    state.reorder([3, 2, 1, 4, 5])
    state.set_phase(Phase.FREMTIDSDIALOG, NOW)
    assert state.current_speaker and state.current_speaker.id == 1
    assert state.current_turn and state.current_turn.kind is TurnKind.FREMTID


def test_counts_per_participant_and_kind() -> None:
    state = circle()
    state.set_phase(Phase.RUNDER, NOW)
    state.record_note(NoteKind.DROEM)
    state.record_note(NoteKind.OENSKE)
    state.advance(NOW)
    state.record_note(NoteKind.BEKYMRING)
    assert state.note_counts() == Counter({1: 2, 2: 1})
    assert state.note_kind_counts()[NoteKind.DROEM] == 1
    assert state.citizen_share() == pytest.approx(2 / 3)


def test_balance_hint_when_professionals_outnumber_own_people() -> None:
    state = make_state(
        [ParticipantKind.BORGER, ParticipantKind.FAGPERSON, ParticipantKind.FAGPERSON]
    )
    assert state.needs_balance_hint()
    state.add_participant(Participant(0, "Søster", ParticipantKind.PRIVAT))
    assert not state.needs_balance_hint()


# --- properties ---------------------------------------------------------------

ACTIONS = st.lists(
    st.one_of(
        st.just(("advance",)),
        st.just(("pass",)),
        st.tuples(st.just("add"), st.sampled_from(list(ParticipantKind)[1:])),
        st.tuples(st.just("remove"), st.integers(min_value=0, max_value=20)),
        st.tuples(st.just("reorder"), st.randoms(use_true_random=False)),
        st.just(("note",)),
        st.tuples(
            st.just("phase"),
            st.sampled_from([Phase.RUNDER, Phase.REFLEKSION, Phase.FREMTIDSDIALOG, Phase.PLAN]),
        ),
    ),
    max_size=60,
)


def run(state: MeetingState, actions: list[tuple[object, ...]]) -> dict[int, int]:
    """Apply random actions; returns participant id -> notes written by them."""
    next_id = 100
    written: Counter[int] = Counter()
    for action in actions:
        name = action[0]
        try:
            if name == "advance":
                state.advance(NOW)
            elif name == "pass":
                state.advance(NOW, passed=True)
            elif name == "add":
                next_id += 1
                state.add_participant(Participant(next_id, f"N{next_id}", action[1]))  # type: ignore[arg-type]
            elif name == "remove":
                candidates = [p for p in state.active if not p.is_citizen]
                if candidates:
                    target = candidates[action[1] % len(candidates)]  # type: ignore[operator]
                    state.remove_participant(target.id, NOW)
            elif name == "reorder":
                order = [p.id for p in state.active]
                action[1].shuffle(order)  # type: ignore[attr-defined]
                state.reorder(order)
            elif name == "note":
                turn = state.record_note(NoteKind.OENSKE)
                written[turn.participant_id] += 1
            elif name == "phase":
                state.set_phase(action[1], NOW)  # type: ignore[arg-type]
        except MeetingRuleError:
            pass
    return written


@settings(max_examples=300, deadline=None)
@given(ACTIONS)
def test_nobody_speaks_twice_in_a_round_before_everyone_has(
    actions: list[tuple[object, ...]],
) -> None:
    state = circle()
    state.set_phase(Phase.RUNDER, NOW)
    run(state, actions)
    removed = {p.id for p in state.participants if p.removed}
    for rnd in state.rounds:
        speakers = [t.participant_id for t in state.turns_in_round(rnd.number)]
        # at most one turn each per round
        assert len(speakers) == len(set(speakers))
        # nobody outside the round's roster speaks in it
        assert set(speakers) <= set(rnd.roster)
    # a later round starts only when everyone (still present) in the previous one had a turn,
    # unless the phase changed in between
    for prev, nxt in zip(state.rounds, state.rounds[1:], strict=False):
        if prev.phase is nxt.phase:
            had = {t.participant_id for t in state.turns_in_round(prev.number)}
            assert set(prev.roster) - removed - had == set()


@settings(max_examples=300, deadline=None)
@given(ACTIONS)
def test_added_mid_meeting_joins_from_the_next_round(actions: list[tuple[object, ...]]) -> None:
    state = circle()
    state.set_phase(Phase.RUNDER, NOW)
    run(state, actions)
    for p in state.participants:
        for rnd in state.rounds:
            if rnd.number < p.joined_round:
                assert p.id not in rnd.roster
                assert all(t.participant_id != p.id for t in state.turns_in_round(rnd.number))


@settings(max_examples=300, deadline=None)
@given(ACTIONS)
def test_removing_someone_never_loses_their_notes_or_turns(
    actions: list[tuple[object, ...]],
) -> None:
    state = circle()
    state.set_phase(Phase.RUNDER, NOW)
    written = run(state, actions)
    counts = state.note_counts()
    for pid, n in written.items():
        assert counts[pid] == n
    removed = [p for p in state.participants if p.removed]
    for p in removed:
        assert all(t.ended_at is not None for t in state.turns if t.participant_id == p.id)


@settings(max_examples=200, deadline=None)
@given(st.permutations([1, 2, 3, 4, 5]), st.integers(min_value=0, max_value=4))
def test_order_changed_between_rounds_applies_to_the_next(order: list[int], spoken: int) -> None:
    state = circle()
    state.set_phase(Phase.RUNDER, NOW)
    for _ in range(spoken):
        state.advance(NOW)
    first_roster = state.rounds[-1].roster
    state.reorder(order)
    assert state.rounds[-1].roster == first_roster  # the running round keeps its order
    while state.current_speaker is not None:
        state.advance(NOW)
    state.advance(NOW)  # starts the next round
    assert list(state.rounds[-1].roster) == order
    assert state.current_speaker and state.current_speaker.id == order[0]
