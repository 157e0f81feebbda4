//! Helpers of the refund and profit-sharing end-to-end tests
//! (`#[path = "e2e/settlement.rs"] mod settlement;`, next to `support`).

#![allow(dead_code, unreachable_pub, clippy::expect_used, clippy::panic)]

use serde::de::IgnoredAny;
use wxpay_core::Client;
use wxpay_mock::MockServer;
use wxpay_payscore::notification::PayScoreEvent;

use super::support::{
    Received, Receiver, SUB_MCHID, direct_complete, direct_create, partner_complete, partner_create,
};
use wxpay_mock::OrderKey;

/// The decrypted `(event_type, plaintext)` of a received notification, verified.
pub fn open(server: &MockServer, received: &Received) -> (String, Vec<u8>) {
    let parser = server.notification_parser().expect("parser");
    let notification =
        parser.parse::<IgnoredAny>(&received.headers, &received.body).expect("verified");
    (notification.event_type.clone(), notification.plaintext().as_bytes().to_vec())
}

/// Waits for the first notification of `event_type` at `receiver`.
pub async fn wait_event(server: &MockServer, receiver: &Receiver, event_type: &str) -> Vec<u8> {
    for count in 1.. {
        let arrived = receiver.wait_for(count).await;
        let (kind, plaintext) = open(server, &arrived[count - 1]);
        if kind == event_type {
            return plaintext;
        }
    }
    unreachable!()
}

/// Creates, confirms, completes (with `profit_sharing`) and pays a direct-merchant PayScore
/// order of 39 900 fen, and returns the `transaction_id` that `PAYSCORE.USER_PAID` reports
/// in `collection.details[]`.
pub async fn paid_order(
    server: &MockServer,
    client: &Client,
    receiver: &Receiver,
    out_order_no: &str,
    profit_sharing: bool,
) -> String {
    direct_create(out_order_no, &receiver.url).execute(client).await.expect("create");
    server.confirm_order(out_order_no).expect("confirm");
    let mut complete = direct_complete(out_order_no);
    complete.profit_sharing = Some(profit_sharing);
    complete.execute(client).await.expect("complete");
    server.pay_order(out_order_no).expect("pay");
    paid_transaction(server, receiver, out_order_no).await
}

/// As [`paid_order`], for a partner order of sub-merchant [`SUB_MCHID`].
pub async fn partner_paid_order(
    server: &MockServer,
    client: &Client,
    receiver: &Receiver,
    out_order_no: &str,
    profit_sharing: bool,
) -> String {
    partner_create(out_order_no, &receiver.url).execute(client).await.expect("create");
    server.confirm_order(OrderKey::partner(SUB_MCHID, out_order_no)).expect("confirm");
    let mut complete = partner_complete(out_order_no);
    complete.profit_sharing = Some(profit_sharing);
    complete.execute(client).await.expect("complete");
    server.pay_order(OrderKey::partner(SUB_MCHID, out_order_no)).expect("pay");
    paid_transaction(server, receiver, out_order_no).await
}

/// The `transaction_id` of the first `PAYSCORE.USER_PAID` of `out_order_no` at `receiver`.
async fn paid_transaction(server: &MockServer, receiver: &Receiver, out_order_no: &str) -> String {
    for count in 1.. {
        let arrived = receiver.wait_for(count).await;
        let (kind, plaintext) = open(server, &arrived[count - 1]);
        let event = PayScoreEvent::from_parts(&kind, &plaintext).expect("decodes");
        if let PayScoreEvent::UserPaid(order) = event
            && order.out_order_no.as_str() == out_order_no
        {
            let collection = order.collection.expect("collection");
            return collection.details[0].transaction_id.clone().expect("transaction_id");
        }
    }
    unreachable!()
}
