"""The firebase-admin seam: the private names FCM_ENDPOINT relies on still exist, and the real
SDK path (encoding, send_each_async, error mapping) runs against the loopback stand-in."""

from __future__ import annotations

import firebase_admin
import pytest
from firebase_admin import exceptions, messaging

from server.notifications import fcm
from tests.notifications.support_fcm import fcm_standin, loopback_only, sender_rt  # noqa: F401 - fixtures


def test_private_names_the_seam_uses_still_exist():
    assert isinstance(messaging._MessagingService.FCM_URL, str)
    assert "{0}" in messaging._MessagingService.FCM_URL
    assert callable(messaging._get_messaging_service)
    assert callable(messaging.send_each_async)
    app = firebase_admin.initialize_app(fcm._StandInCredential(), {"projectId": "seam-check"}, name="seam-check")
    try:
        service = messaging._get_messaging_service(app)
        assert service._fcm_url == "https://fcm.googleapis.com/v1/projects/seam-check/messages:send"
    finally:
        firebase_admin.delete_app(app)


async def test_sdk_posts_to_the_standin_and_maps_fcm_errors(sender_rt, fcm_standin, loopback_only):  # noqa: F811
    app = fcm.app_for(sender_rt.settings)
    assert messaging._get_messaging_service(app)._fcm_url == \
        f"{fcm_standin.url}/v1/projects/{fcm.STAND_IN_PROJECT}/messages:send"
    fcm_standin.fail("seam-unreg-1", "UNREGISTERED")
    fcm_standin.fail("seam-quota-1", "QUOTA_EXCEEDED", retry_after=90)
    fcm_standin.fail("seam-inval-1", "INVALID_ARGUMENT")
    fcm_standin.fail("seam-sender-1", "SENDER_ID_MISMATCH")
    # a 401 makes the SDK refresh its credentials and try twice more: all three answers must be the error
    fcm_standin.fail("seam-apns-1", "THIRD_PARTY_AUTH_ERROR", times=3)
    tokens = ["seam-ok-0001", "seam-unreg-1", "seam-quota-1", "seam-inval-1", "seam-sender-1", "seam-apns-1"]
    msgs = [fcm.message(t, notification=messaging.Notification("T", "B"), data={"k": "v"},
                        android=messaging.AndroidConfig(collapse_key="ck:1")) for t in tokens]
    batch = await messaging.send_each_async(msgs, app=app)
    excs = [r.exception for r in batch.responses]
    assert batch.success_count == 1 and batch.responses[0].message_id.startswith("projects/demo-reprally/messages/")
    assert isinstance(excs[1], messaging.UnregisteredError)
    assert isinstance(excs[2], messaging.QuotaExceededError)
    assert isinstance(excs[3], exceptions.InvalidArgumentError)
    assert isinstance(excs[4], messaging.SenderIdMismatchError)
    assert isinstance(excs[5], messaging.ThirdPartyAuthError)
    assert [fcm.error_code(e) for e in excs[1:]] == ["unregistered", "quota_exceeded", "invalid_argument",
                                                     "sender_id_mismatch", "third_party_auth"]
    assert fcm._retry_after(excs[2]) == 90.0
    sent = fcm_standin.to("seam-ok-0001")[-1]
    assert sent.headers["authorization"] == "Bearer stand-in-token"
    assert sent.message["android"]["collapse_key"] == "ck:1"
    assert sent.message["notification"] == {"title": "T", "body": "B"}


async def test_more_than_500_messages_go_in_chunks(sender_rt, fcm_standin, loopback_only):  # noqa: F811
    app = fcm.app_for(sender_rt.settings)
    msgs = [fcm.message(f"seam-chunk-{i:04d}", data={"i": str(i)}) for i in range(501)]
    with pytest.raises(ValueError):
        await messaging.send_each_async(msgs, app=app)  # the SDK's own limit
    outcomes = await fcm.send(app, msgs)
    assert len(outcomes) == 501 and all(o.ok for o in outcomes)
    assert {r.token for r in fcm_standin.requests if r.token and r.token.startswith("seam-chunk-")} == \
        {f"seam-chunk-{i:04d}" for i in range(501)}


def test_loopback_guard_refuses_the_internet(loopback_only):  # noqa: F811
    import socket

    with socket.socket() as s, pytest.raises(AssertionError, match="off the machine"):
        s.connect(("142.250.0.1", 443))
