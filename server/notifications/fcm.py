"""The firebase-admin SDK, set up once per process and event loop, and its errors as plain codes.

Production: a service-account file (`FIREBASE_CREDENTIALS`, else `GOOGLE_APPLICATION_CREDENTIALS`
through application default credentials). Tests and staging: `FCM_ENDPOINT` names a stand-in of
the FCM HTTP v1 API; the SDK then uses static credentials that never ask Google for a token, and
its messaging service posts to the stand-in. That seam relies on two private names of
firebase-admin (`messaging._get_messaging_service`, `_MessagingService._fcm_url`);
tests/test_push_sdk_seam.py fails if an upgrade removes them.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import warnings
import weakref
from dataclasses import dataclass
from typing import Any

import firebase_admin
import google.auth.credentials
import google.auth.transport
from firebase_admin import credentials, exceptions, messaging

from server.core.settings import Settings

log = logging.getLogger("reprally.push")

#: FCM accepts at most this many messages per send_each call.
FCM_BATCH = 500
#: Messages per send_each_async call. Every message of a call is in flight at once; the SDK's httpx
#: pool holds 100 connections and its scheduling gets quadratic when many more requests queue.
SEND_CHUNK = 100
STAND_IN_PROJECT = "demo-reprally"

#: (endpoint, credentials file, project id) -> the App made for them
_AppKey = tuple[str, str, str]
_apps: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[_AppKey, firebase_admin.App]] = (
    weakref.WeakKeyDictionary())
_names = itertools.count(1)


class _StaticToken(google.auth.credentials.Credentials):
    """Credentials for a stand-in endpoint: a fixed bearer token, never refreshed from Google."""

    def __init__(self) -> None:
        # google-auth leaves Credentials.__init__ unannotated
        super().__init__()  # type: ignore[no-untyped-call]
        self.token = "stand-in-token"

    def refresh(self, request: google.auth.transport.Request) -> None:
        self.token = "stand-in-token"


class _StandInCredential(credentials.Base):  # type: ignore[misc]  # firebase-admin has no type stubs
    def get_credential(self) -> google.auth.credentials.Credentials:
        return _StaticToken()


def configured(settings: Settings) -> bool:
    return bool(settings.fcm_endpoint or settings.firebase_credentials
                or os.environ.get("GOOGLE_APPLICATION_CREDENTIALS"))


def fcm_url(endpoint: str, project_id: str) -> str:
    return f"{endpoint.rstrip('/')}/v1/projects/{project_id}/messages:send"


def _init(settings: Settings) -> firebase_admin.App:
    options: dict[str, Any] = {"httpTimeout": 10}
    if settings.fcm_endpoint:
        options["projectId"] = settings.fcm_project_id or STAND_IN_PROJECT
        app = firebase_admin.initialize_app(_StandInCredential(), options, name=f"reprally-{next(_names)}")
        messaging._get_messaging_service(app)._fcm_url = fcm_url(settings.fcm_endpoint, options["projectId"])
        return app
    if settings.fcm_project_id:
        options["projectId"] = settings.fcm_project_id
    cred = (credentials.Certificate(settings.firebase_credentials) if settings.firebase_credentials
            else credentials.ApplicationDefault())
    return firebase_admin.initialize_app(cred, options, name=f"reprally-{next(_names)}")


def app_for(settings: Settings) -> firebase_admin.App | None:
    """The App of the running event loop for these settings (pooled HTTP connections belong to
    one loop); None when Firebase is not configured."""
    if not configured(settings):
        return None
    apps = _apps.setdefault(asyncio.get_running_loop(), {})
    key = (settings.fcm_endpoint, settings.firebase_credentials, settings.fcm_project_id)
    app = apps.get(key)
    if app is None:
        app = apps[key] = _init(settings)
    return app


async def close() -> None:
    """Forget the running loop's Apps (delete_app must not run inside the loop)."""
    for app in _apps.pop(asyncio.get_running_loop(), {}).values():
        await asyncio.to_thread(firebase_admin.delete_app, app)


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    code: str = ""  # see error_code
    message: str = ""
    retry_after_s: float | None = None


def error_code(exc: Exception) -> str:
    """The FCM error class of a send exception (the sender's rules key on these)."""
    for cls, code in ((messaging.UnregisteredError, "unregistered"),
                      (messaging.SenderIdMismatchError, "sender_id_mismatch"),
                      (messaging.QuotaExceededError, "quota_exceeded"),
                      (messaging.ThirdPartyAuthError, "third_party_auth"),
                      (exceptions.InvalidArgumentError, "invalid_argument"),
                      (exceptions.UnavailableError, "unavailable"),
                      (exceptions.InternalError, "internal"),
                      (exceptions.DeadlineExceededError, "deadline_exceeded"),
                      (exceptions.UnauthenticatedError, "unauthenticated"),
                      (exceptions.PermissionDeniedError, "permission_denied"),
                      (exceptions.NotFoundError, "unregistered")):
        if isinstance(exc, cls):
            return code
    return "unknown"


def _retry_after(exc: Exception) -> float | None:
    resp = getattr(exc, "http_response", None)
    raw = resp.headers.get("Retry-After") if resp is not None else None
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


def message(token: str, **fields: Any) -> messaging.Message:
    """A Message to a registration token. firebase-admin 7.5 deprecated `token` in favour of
    installation ids; FCM v1 still takes registration tokens, which is what the apps register."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return messaging.Message(token=token, **fields)


async def send(app: firebase_admin.App, messages: list[messaging.Message],
               chunk_size: int = SEND_CHUNK) -> list[Outcome]:
    """Send through `messaging.send_each_async` in chunks (at most FCM's 500); one outcome per message."""
    chunk_size = min(chunk_size, FCM_BATCH)
    out: list[Outcome] = []
    for i in range(0, len(messages), chunk_size):
        chunk = messages[i:i + chunk_size]
        try:
            batch = await messaging.send_each_async(chunk, app=app)
        except (exceptions.FirebaseError, ValueError) as exc:  # the whole call failed
            log.warning("FCM batch failed: %s", exc)
            out.extend(Outcome(False, "unknown", str(exc)) for _ in chunk)
            continue
        for resp in batch.responses:
            if resp.success:
                out.append(Outcome(True))
            else:
                err = resp.exception
                out.append(Outcome(False, error_code(err), str(err), _retry_after(err)))
    return out
