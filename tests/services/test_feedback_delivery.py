"""Feedback delivery: what is owed after a send that was refused, cut off, or resent."""

from __future__ import annotations

from tutorbot.adapters.store import Store
from tutorbot.core.tutoring import Marked
from tutorbot.services.feedback_delivery import FeedbackDelivery
from tutorbot.services.tutor import Tutor

ANN = 11


def answered(tutor: Tutor, message_id: int, question_id: str = "rapallo") -> Marked:
    tutor.ask(ANN, "treaties", question_id)
    return tutor.answer(ANN, "no idea", message_id=message_id)


def test_feedback_is_sent_with_the_answer_and_not_again_once_delivered(
    store: Store, tutor: Tutor
) -> None:
    delivery = FeedbackDelivery(store, tutor, tutor.clock)
    marked = answered(tutor, 7)
    owed = delivery.for_answer(marked)
    assert owed is not None
    assert owed.how == "first"
    delivery.sending(owed)
    delivery.delivered(owed)
    again = tutor.answer(ANN, "no idea", message_id=7)  # the same message, handled again
    assert again.replayed
    assert delivery.for_answer(again) is None
    assert delivery.owed(ANN) == ()


def test_feedback_never_sent_goes_first_when_its_message_is_handled_again(
    store: Store, tutor: Tutor
) -> None:
    delivery = FeedbackDelivery(store, tutor, tutor.clock)
    answered(tutor, 7)  # killed before the feedback left: no send recorded
    owed = delivery.for_answer(tutor.answer(ANN, "no idea", message_id=7))
    assert owed is not None
    assert owed.how == "first"


def test_refused_feedback_is_owed_as_late_before_the_next_reply(store: Store, tutor: Tutor) -> None:
    delivery = FeedbackDelivery(store, tutor, tutor.clock)
    marked = answered(tutor, 7)
    owed = delivery.for_answer(marked)
    assert owed is not None
    delivery.sending(owed)
    delivery.refused(owed)  # Telegram answered 400: it did not arrive
    [late] = delivery.owed(ANN)
    assert (late.marked.attempt_id, late.how) == (marked.attempt_id, "late")


def test_feedback_cut_off_mid_send_is_resent_once_in_case_it_did_not_arrive(
    store: Store, tutor: Tutor
) -> None:
    delivery = FeedbackDelivery(store, tutor, tutor.clock)
    marked = answered(tutor, 7)
    owed = delivery.for_answer(marked)
    assert owed is not None
    delivery.sending(owed)  # ...and the process was killed: outcome unknown
    [resend] = delivery.owed(ANN)
    assert resend.how == "in_case"
    delivery.sending(resend)  # killed again while the copy was on its way
    assert delivery.owed(ANN) == ()  # never a third time
    assert tutor.unreplied(ANN) == ()


def test_a_refused_in_case_copy_is_owed_again_as_in_case(store: Store, tutor: Tutor) -> None:
    delivery = FeedbackDelivery(store, tutor, tutor.clock)
    owed = delivery.for_answer(answered(tutor, 7))
    assert owed is not None
    delivery.sending(owed)
    [resend] = delivery.owed(ANN)
    delivery.sending(resend)
    delivery.refused(resend)  # the copy did not arrive; the first may have
    assert [o.how for o in delivery.owed(ANN)] == ["in_case"]


def test_the_answer_being_handled_is_left_to_its_own_reply(store: Store, tutor: Tutor) -> None:
    delivery = FeedbackDelivery(store, tutor, tutor.clock)
    first = answered(tutor, 7)
    second = answered(tutor, 8, "berlin")
    owed = delivery.owed(ANN, except_message=8)
    assert [o.marked.attempt_id for o in owed] == [first.attempt_id]
    assert second.attempt_id not in [
        o.marked.attempt_id for o in delivery.owed(ANN, except_message=8)
    ]
