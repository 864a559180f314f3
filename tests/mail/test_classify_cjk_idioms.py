"""classify_reply: Japanese and Chinese ways of saying the summary is right, and of thanking
for it, beside the same words with a change. Written for this file; none is copied from the
evaluation corpora."""

from __future__ import annotations

import pytest

from mail.classify import classify_reply


@pytest.mark.parametrize(
    "text",
    [
        "内容、すべて問題ございません。当日を楽しみにしております。",
        "全部その通りで大丈夫です。",
        "記載の内容で相違ございません。",
        "ご丁寧にまとめていただき、ありがとうございます。\n記載いただいた内容にて、問題ございません。",
        "以上内容我都确认无误。",
        "确认以上内容。感谢安排！",
    ],
)
def test_confirmations(text: str) -> None:
    assert classify_reply(text).label == "confirmation"


@pytest.mark.parametrize(
    "text",
    [
        "すべて問題ございませんが、日程を変更したいです。",
        "記載いただいた内容にて、金額を変更してください。",
        "記載の内容で相違ございませんか？",
        "感谢安排，但是价格要改。",
        "确认以上内容，不过时间需要调整。",
    ],
)
def test_the_same_words_with_a_change_stay_clarifications(text: str) -> None:
    assert classify_reply(text).label == "clarification"
