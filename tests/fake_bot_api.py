"""A fake Telegram Bot API, in memory, for tests and benchmarks: no Telegram server is contacted.

``FakeBotApi`` holds the state and answers Bot API methods as Telegram does, closely enough
for python-telegram-bot to parse every reply (dates in seconds, ``is_bot`` in ``getMe``,
``chat_instance`` on callback queries, a full ``Message`` from ``editMessageText``, …) and
strictly enough to catch mistakes: HTML must parse with Telegram's tags, texts fit in 4,096
characters, callback data in 64 bytes, edits must change something, a callback query is
answered once. ``FakeBotApiServer`` serves it over HTTP on 127.0.0.1 (port 0: a free one), for
a real ``tutorbot run`` process (``TUTORBOT_API_BASE_URL=server.base_url``); unit tests call
``FakeBotApi.call`` directly through a ``telegram.request.BaseRequest`` (tests/bot/conftest.py).

    api = FakeBotApi(token)
    with FakeBotApiServer(api) as server:
        update_id = api.send_text(student_id, "/start")          # the student writes
        api.wait_for(lambda: api.sent_to(student_id))            # the bot replied
        api.press(student_id, api.sent_to(student_id)[-1], "deck:x")  # presses a button
        api.fail("sendMessage", status=429, retry_after=1)       # the next send gets a 429
        api.block(student_id)                                    # the student blocked the bot

Methods: getMe, getUpdates (``offset`` confirms and drops older updates, ``timeout`` long-polls),
sendMessage, sendPhoto and sendDocument (multipart), getFile (the files users sent with
``send_document``, downloaded from ``/file/bot<token>/<file_path>``), sendChatAction,
editMessageText, editMessageReplyMarkup,
answerCallbackQuery, setMyCommands, getMyCommands, deleteWebhook, setWebhook, getWebhookInfo,
close, logOut; anything else answers 404. In webhook mode ``push_to_webhook`` POSTs the
queued updates to the URL the bot set, with its secret token. Every call is recorded in
``api.calls`` (failed ones too, with their status); a file uploaded over HTTP (a photo) is
kept in ``api.uploads`` and its parameter reads ``<file N bytes>``. Thread-safe: one lock
guards all state; ``wait_for`` waits on it.
"""

from __future__ import annotations

import email.parser
import email.policy
import html
import html.parser
import itertools
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# fmt: off
JSON_PARAMS = {"reply_markup", "allowed_updates", "commands", "scope", "entities",
               "link_preview_options", "reply_parameters", "media"}
INT_PARAMS = {"chat_id", "message_id", "offset", "limit", "timeout", "cache_time",
              "reply_to_message_id", "max_connections", "user_id"}
BOOL_PARAMS = {"show_alert", "drop_pending_updates", "disable_notification", "protect_content"}
HTML_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
             "tg-spoiler", "span", "blockquote", "tg-emoji"}
# fmt: on
BAD_ENTITY = re.compile(r"&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)")
BLOCKED = "Forbidden: bot was blocked by the user"


class ApiError(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass(frozen=True)
class Call:
    """One request the bot made: method, decoded parameters, when, and how it was answered."""

    method: str
    params: dict[str, Any]
    at: float
    status: int
    result: Any

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def chat_id(self) -> int | None:
        return self.params.get("chat_id")

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of each inline button, row by row."""
        markup = self.params.get("reply_markup") or {}
        return [
            (b["text"], b.get("callback_data", ""))
            for row in markup.get("inline_keyboard", [])
            for b in row
        ]


@dataclass(frozen=True)
class Upload:
    """A file the bot sent in a multipart request: the form field, its file name, the bytes."""

    field: str
    filename: str
    data: bytes


@dataclass
class _Failure:
    method: str | None
    chat_id: int | None
    times: int | None  # None: until removed
    error: ApiError


@dataclass
class _Update:
    update_id: int
    body: dict[str, Any]


@dataclass
class FakeBotApi:
    token: str
    bot_username: str = "tutorbot_test_bot"
    calls: list[Call] = field(default_factory=list)
    commands: list[dict[str, Any]] = field(default_factory=list)
    webhook_url: str = ""
    webhook_secret: str | None = None
    uploads: list[Upload] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.bot_id = int(self.token.split(":", 1)[0])
        self._cond = threading.Condition()
        self._thread = threading.local()
        self._updates: list[_Update] = []
        self._handed_out: dict[int, list[float]] = {}
        self._update_ids = itertools.count(1)
        self._next_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._queries: dict[str, bool] = {}  # callback query id -> answered
        self._failures: list[_Failure] = []
        self._query_ids = itertools.count(1)
        self.polls = 0
        """getUpdates requests received so far, answered or still waiting."""
        self.waiting_polls = 0
        """getUpdates requests waiting for an update now."""
        self._files: dict[str, bytes] = {}
        self.names: dict[int, str] = {}
        """First names of users, by id (default "Student <id>")."""
        self.on_call: Callable[[Call], None] | None = None
        """Called (outside the lock, on the server thread) after each recorded call, before
        its answer goes back to the bot."""
        self.on_answered: Callable[[Call], None] | None = None
        """Called (on the server thread, HTTP only) once a call's answer was written back to
        the bot: for getUpdates, the bot now has the updates and has not confirmed them."""
        self.on_request: Callable[[str, dict[str, Any]], None] | None = None
        """Called (on the server thread) as each request arrives, before it is handled: for
        getUpdates, before its offset confirms the updates before it."""

    # --- the Bot API -------------------------------------------------------------------------
    def call(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API request: (HTTP status, JSON body). Long-polls for getUpdates."""
        if self.on_request is not None:
            self.on_request(method, params)
        try:
            if method == "getUpdates":
                result: Any = self._get_updates(params)
                status = 200
            else:
                with self._cond:
                    self._injected_failure(method, params.get("chat_id"))
                    result = self._answer(method, params)
                    status = 200
        except ApiError as exc:
            status, result, body = exc.status, None, exc.body()
        else:
            body = {"ok": True, "result": result}
        call = Call(method, params, time.monotonic(), status, result)
        self._thread.call = call
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
        if self.on_call is not None:
            self.on_call(call)
        return status, body

    def _answer(self, method: str, p: dict[str, Any]) -> Any:
        if method == "getMe":
            return {
                **self._bot_user(),
                "can_join_groups": True,
                "supports_inline_queries": False,
                "can_read_all_group_messages": False,
            }
        if method == "getFile":
            file_id = str(p.get("file_id", ""))
            if file_id not in self._files:
                raise ApiError(400, "Bad Request: invalid file_id")
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(self._files[file_id]),
                "file_path": f"documents/{file_id}",
            }
        if method in {"sendMessage", "sendPhoto", "sendDocument"}:
            chat = self._known_chat(p)
            message = self._new_message(chat, self._bot_user())
            if method == "sendMessage":
                message["text"] = self._checked_text(p.get("text"), p.get("parse_mode"))
            elif method == "sendDocument":
                message["document"] = {"file_id": "sent", "file_unique_id": "s"}
                if p.get("caption"):
                    message["caption"] = self._checked_text(p["caption"], p.get("parse_mode"))
            else:
                size = {"file_id": "photo", "file_unique_id": "p", "width": 800, "height": 600}
                message["photo"] = [size]
                if p.get("caption"):
                    message["caption"] = self._checked_text(p["caption"], p.get("parse_mode"))
            if p.get("reply_markup"):
                message["reply_markup"] = self._checked_markup(p["reply_markup"])
            self._messages[(chat["id"], message["message_id"])] = message
            return message
        if method in {"editMessageText", "editMessageReplyMarkup"}:
            key = (int(p.get("chat_id", 0)), int(p.get("message_id", 0)))
            if key not in self._messages:
                raise ApiError(400, "Bad Request: message to edit not found")
            old = self._messages[key]
            new = {k: v for k, v in old.items() if k != "reply_markup"}
            if method == "editMessageText":
                new["text"] = self._checked_text(p.get("text"), p.get("parse_mode"))
            if p.get("reply_markup", {}).get("inline_keyboard"):
                new["reply_markup"] = self._checked_markup(p["reply_markup"])
            if new == old:
                raise ApiError(400, "Bad Request: message is not modified")
            new["edit_date"] = int(time.time())
            self._messages[key] = new
            return new
        if method == "answerCallbackQuery":
            query_id = str(p.get("callback_query_id"))
            if self._queries.get(query_id, True):
                raise ApiError(
                    400,
                    "Bad Request: query is too old and response timeout expired "
                    "or query ID is invalid",
                )
            self._queries[query_id] = True
            return True
        if method == "setMyCommands":
            for command in p.get("commands", []):
                if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                    raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
                if not 1 <= len(command.get("description", "")) <= 256:
                    raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
            self.commands = list(p.get("commands", []))
            return True
        if method == "getMyCommands":
            return self.commands
        if method == "deleteWebhook":
            self.webhook_url = ""
            if p.get("drop_pending_updates"):
                self._updates.clear()
            return True
        if method == "setWebhook":
            self.webhook_url = str(p.get("url", ""))
            self.webhook_secret = p.get("secret_token")
            return True
        if method == "getWebhookInfo":
            return {
                "url": self.webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
        if method == "sendChatAction":
            self._known_chat(p)
            return True
        if method in {"close", "logOut"}:
            return True
        raise ApiError(404, "Not Found")

    def _get_updates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        offset, timeout = int(p.get("offset") or 0), float(p.get("timeout") or 0)
        limit = int(p.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self._cond:
            self.polls += 1
            self._cond.notify_all()
            self._injected_failure("getUpdates", None)
            self._updates = [u for u in self._updates if u.update_id >= offset]
            self.waiting_polls += 1
            try:
                while not self._updates and time.monotonic() < deadline:
                    self._cond.wait(deadline - time.monotonic())
            finally:
                self.waiting_polls -= 1
            handed = self._updates[:limit]
            now = time.monotonic()
            for update in handed:
                self._handed_out.setdefault(update.update_id, []).append(now)
            return [{"update_id": u.update_id, **u.body} for u in handed]

    def this_threads_call(self) -> Call:
        """The call this thread answered last."""
        call: Call = self._thread.call
        return call

    # --- what a student does -----------------------------------------------------------------
    def send_text(self, user_id: int, text: str, *, group_id: int | None = None) -> int:
        """The user writes ``text`` (commands get their entity) in private, or in a group."""
        extra: dict[str, Any] = {"text": text}
        command = re.match(r"/[A-Za-z0-9_]+(@\w+)?", text)
        if command:
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        return self._user_message(user_id, extra, group_id)

    def send_old_poll(self, user_id: int) -> int:
        """The user shares a poll, as an older (self-hosted) Bot API server describes it:
        without the fields python-telegram-bot now requires, so it cannot parse the update."""
        poll = {
            "id": "poll-1",
            "question": "Which treaty came first?",
            "options": [{"text": "Rapallo", "voter_count": 0}],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
        }
        return self._user_message(user_id, {"poll": poll}, None)

    def edit_text(self, user_id: int, message_id: int, text: str) -> int:
        """The user edits a message they sent in their private chat."""
        with self._cond:
            message = {**self._new_message(self._chats[user_id], self._user(user_id)), "text": text}
            message.update(message_id=message_id, edit_date=int(time.time()))
            self._next_message_id[user_id] -= 1  # an edit is not a new message
            return self._push({"edited_message": message})

    def send_sticker(self, user_id: int) -> int:
        return self._user_message(
            user_id,
            {
                "sticker": {
                    "file_id": "s1",
                    "file_unique_id": "s",
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                    "emoji": "👍",
                }
            },
            None,
        )

    def send_photo(self, user_id: int) -> int:
        sizes = [{"file_id": "f1", "file_unique_id": "f", "width": 90, "height": 90}]
        return self._user_message(user_id, {"photo": sizes}, None)

    def send_document(
        self, user_id: int, file_name: str, data: bytes, *, file_size: int | None = None
    ) -> int:
        """The user sends a file; ``file_size`` overrides the size the message states."""
        with self._cond:
            file_id = f"doc{len(self._files) + 1}"
            self._files[file_id] = data
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "file_size": len(data) if file_size is None else file_size,
        }
        return self._user_message(user_id, {"document": document}, None)

    def file_bytes(self, path: str) -> bytes | None:
        """The file at ``documents/<file id>`` (getFile's ``file_path``), or None."""
        with self._cond:
            return self._files.get(path.removeprefix("documents/"))

    def send_voice(self, user_id: int) -> int:
        voice = {"file_id": "v1", "file_unique_id": "v", "duration": 2, "mime_type": "audio/ogg"}
        return self._user_message(user_id, {"voice": voice}, None)

    def press(self, user_id: int, message: Call | dict[str, Any], data: str) -> int:
        """The user presses the inline button with ``data`` under a message the bot sent."""
        with self._cond:
            sent = message.result if isinstance(message, Call) else message
            stored = self._messages.get((sent["chat"]["id"], sent["message_id"]), sent)
            query_id = str(next(self._query_ids))
            self._queries[query_id] = False
            query = {
                "id": query_id,
                "from": self._user(user_id),
                "message": stored,
                "chat_instance": f"ci{sent['chat']['id']}",
                "data": data,
            }
            return self._push({"callback_query": query})

    def push_to_webhook(self, secret: str | None = None) -> list[int]:
        """Deliver the queued updates to the webhook the bot set, as Telegram does (with the
        bot's secret token unless ``secret`` is given); the HTTP status of each."""
        with self._cond:
            updates, self._updates = self._updates, []
            url, token = self.webhook_url, secret or self.webhook_secret
        statuses = []
        for update in updates:
            body = json.dumps({"update_id": update.update_id, **update.body}).encode()
            request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
            if token:
                request.add_header("X-Telegram-Bot-Api-Secret-Token", token)
            with self._cond:
                self._handed_out.setdefault(update.update_id, []).append(time.monotonic())
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as exc:
                statuses.append(exc.code)
        return statuses

    def record_upload(self, upload: Upload) -> None:
        with self._cond:
            self.uploads.append(upload)

    # --- faults --------------------------------------------------------------------------------
    def fail(
        self,
        method: str | None = None,
        *,
        chat_id: int | None = None,
        times: int | None = 1,
        status: int = 429,
        description: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` (any method: None), or to ``chat_id``, fail."""
        if status == 429 and retry_after is None:
            retry_after = 1
        text = description or (
            f"Too Many Requests: retry after {retry_after}" if status == 429 else "Bad Request"
        )
        with self._cond:
            self._failures.append(
                _Failure(method, chat_id, times, ApiError(status, text, retry_after))
            )

    def block(self, chat_id: int) -> None:
        """The user blocked the bot: every call to their chat answers 403 until ``unblock``."""
        self.fail(chat_id=chat_id, times=None, status=403, description=BLOCKED)

    def unblock(self, chat_id: int) -> None:
        with self._cond:
            self._failures = [f for f in self._failures if f.chat_id != chat_id or f.times]

    def clear_failures(self) -> None:
        with self._cond:
            self._failures.clear()

    def _injected_failure(self, method: str, chat_id: Any) -> None:
        for failure in self._failures:
            if failure.method in (None, method) and failure.chat_id in (
                None,
                _int_or_none(chat_id),
            ):
                if failure.times is not None:
                    failure.times -= 1
                    if failure.times <= 0:
                        self._failures.remove(failure)
                raise failure.error

    # --- what the bot did ----------------------------------------------------------------------
    def calls_of(self, method: str, *, chat_id: int | None = None, ok: bool = True) -> list[Call]:
        with self._cond:
            return [
                c
                for c in self.calls
                if c.method == method
                and (not ok or c.ok)
                and (chat_id is None or c.chat_id == chat_id)
            ]

    def sent_to(self, chat_id: int) -> list[Call]:
        """The messages the bot delivered to a chat, oldest first."""
        return self.calls_of("sendMessage", chat_id=chat_id)

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """A bot message as it is now, after any edits."""
        with self._cond:
            return dict(self._messages[(chat_id, message_id)])

    def handed_out_at(self, update_id: int) -> float | None:
        """When getUpdates first handed this update to the bot (monotonic seconds)."""
        with self._cond:
            return self._handed_out.get(update_id, [None])[0]

    def times_handed_out(self, update_id: int) -> int:
        with self._cond:
            return len(self._handed_out.get(update_id, []))

    def wait_for(self, condition: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until ``condition()`` is truthy, re-checked on every call the bot makes and
        every 20 ms (for conditions on the bot's database); AssertionError after ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not (result := condition()):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {timeout}s waiting for {condition}")
                self._cond.wait(min(left, 0.02))
            return result

    # --- helpers -------------------------------------------------------------------------------
    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Tutorbot",
            "username": self.bot_username,
        }

    def _user(self, user_id: int) -> dict[str, Any]:
        name = self.names.get(user_id, f"Student {user_id}")
        return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "en"}

    def _user_message(self, user_id: int, extra: dict[str, Any], group_id: int | None) -> int:
        with self._cond:
            if group_id is not None:
                chat = self._chats.setdefault(
                    group_id, {"id": group_id, "type": "group", "title": "Class group"}
                )
            else:
                chat = self._chats.setdefault(
                    user_id,
                    {
                        "id": user_id,
                        "type": "private",
                        "first_name": self._user(user_id)["first_name"],
                    },
                )
            return self._push(
                {"message": {**self._new_message(chat, self._user(user_id)), **extra}}
            )

    def _push(self, body: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._updates.append(_Update(update_id, body))
        self._cond.notify_all()
        return update_id

    def _new_message(self, chat: dict[str, Any], sender: dict[str, Any]) -> dict[str, Any]:
        message_id = self._next_message_id.get(chat["id"], 1)
        self._next_message_id[chat["id"]] = message_id + 1
        return {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": dict(chat),
            "from": sender,
        }

    def _known_chat(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chats.get(_int_or_none(p.get("chat_id")) or 0)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    @staticmethod
    def _checked_text(text: Any, parse_mode: Any) -> str:
        shown = str(text or "")
        if parse_mode == "HTML":
            shown = visible_text(shown)
        if not shown.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(shown.encode("utf-16-le")) // 2 > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return shown

    @staticmethod
    def _checked_markup(markup: dict[str, Any]) -> dict[str, Any]:
        for row in markup.get("inline_keyboard", []):
            for button in row:
                if len(button.get("callback_data", "").encode()) > 64 or not button.get("text"):
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return markup


class _TelegramHtml(html.parser.HTMLParser):
    """Telegram's HTML parse mode: known tags only, balanced, every < > & escaped in text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.plain: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS:
            raise ApiError(400, f"Bad Request: can't parse entities: Unsupported start tag {tag!r}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            raise ApiError(400, f"Bad Request: can't parse entities: Unexpected end tag {tag!r}")

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            raise ApiError(400, "Bad Request: can't parse entities: unescaped < or >")
        self.plain.append(data)

    def handle_entityref(self, name: str) -> None:
        self.plain.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.plain.append(html.unescape(f"&#{name};"))


def visible_text(text: str) -> str:
    """What the student sees of an HTML message; ApiError(400) where Telegram would refuse it."""
    if BAD_ENTITY.search(text):
        raise ApiError(400, "Bad Request: can't parse entities: unescaped &")
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    if parser.stack or parser.rawdata:
        raise ApiError(400, "Bad Request: can't parse entities: unclosed tag or stray <")
    return "".join(parser.plain)


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def decode_params(raw: dict[str, str]) -> dict[str, Any]:
    """Form fields as Telegram reads them: JSON objects, ints and booleans by parameter name."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in JSON_PARAMS:
            params[key] = json.loads(value)
        elif key in INT_PARAMS and re.fullmatch(r"-?\d+", value):
            params[key] = int(value)
        elif key in BOOL_PARAMS:
            params[key] = value.lower() == "true"
        else:
            params[key] = value
    return params


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart
    server: _Server

    def do_GET(self) -> None:
        self._serve(b"")

    def do_POST(self) -> None:
        self._serve(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def _serve(self, body: bytes) -> None:
        url = urllib.parse.urlsplit(self.path)
        match = re.fullmatch(r"/bot([^/]+)/(\w+)", url.path)
        api = self.server.api
        download = re.fullmatch(r"/file/bot([^/]+)/(.+)", url.path)
        if download is not None:
            token = urllib.parse.unquote(download.group(1))  # httpx sends ':' as %3A
            found = api.file_bytes(download.group(2)) if token == api.token else None
            self.send_response(200 if found is not None else 404)
            self.send_header("Content-Length", str(len(found or b"")))
            self.end_headers()
            self.wfile.write(found or b"")
            return
        if match is None or match.group(1) != api.token:
            status, answer = 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        else:
            raw = dict(urllib.parse.parse_qsl(url.query))
            raw.update(self._body_fields(body))
            status, answer = api.call(match.group(2), decode_params(raw))
        payload = json.dumps(answer).encode()
        answered = api.on_answered if match is not None else None
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        try:
            self.wfile.write(payload)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):  # the bot gave up waiting, or died
            self.close_connection = True
            return
        if answered is not None:
            answered(api.this_threads_call())

    def _body_fields(self, body: bytes) -> dict[str, str]:
        kind = self.headers.get("Content-Type", "")
        if kind.startswith("application/json"):
            return {
                k: v if isinstance(v, str) else json.dumps(v)
                for k, v in json.loads(body or b"{}").items()
            }
        if kind.startswith("multipart/form-data"):
            head = f"Content-Type: {kind}\r\n\r\n".encode()
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
            fields = {}
            for part in message.iter_parts():
                payload = part.get_payload(decode=True)  # None for a multipart part
                data = payload if isinstance(payload, bytes) else b""
                name = str(part.get_param("name", header="content-disposition"))
                filename = part.get_filename()
                if filename is not None:
                    self.server.api.record_upload(Upload(name, filename, data))
                fields[name] = (
                    f"<file {len(data)} bytes>" if filename is not None else data.decode()
                )
            return fields
        return dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read api.calls
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024

    def __init__(self, api: FakeBotApi) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api = api

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a client killed mid-request (the restart tests, the broadcast benchmark's kill)
        # resets its connection: expected, not worth a traceback
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeBotApiServer:
    """``FakeBotApi`` over HTTP on 127.0.0.1, served from a background thread."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self._server = _Server(api)
        self._thread = threading.Thread(
            target=self._server.serve_forever, daemon=True, kwargs={"poll_interval": 0.05}
        )

    @property
    def base_url(self) -> str:
        """For TUTORBOT_API_BASE_URL: python-telegram-bot appends the token."""
        host, port = self._server.server_address[:2]
        assert isinstance(host, str)  # an AF_INET server's host
        return f"http://{host}:{port}/bot"

    def __enter__(self) -> FakeBotApiServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
