//! Refunds end to end against the simulator: a PayScore order completed and paid
//! (`PAYSCORE.USER_PAID` gives the `transaction_id`), refunded in part, `REFUND.SUCCESS`
//! received and decoded, WeChat's money rules enforced, and an abnormal refund handled; then
//! profit sharing of a payment made with `profit_sharing: true`: receivers, split orders,
//! `PROFITSHARING.SUCCESS`, returns (回退), the unsplit amount and the final unfreeze.

#![allow(clippy::expect_used, clippy::panic)]

#[path = "e2e/settlement.rs"]
mod settlement;
#[path = "e2e/support.rs"]
mod support;

use settlement::{paid_order, wait_event};
use support::{APPID, Receiver, api_code, client, direct_complete, direct_create};
use wxpay_mock::MockServer;
use wxpay_settlement::profit_sharing::{
    AddReceiver, CreateOrder, CreateReturn, DeleteReceiver, OrderRef, OrderState, QueryOrder,
    QueryReturn, QueryUnsplitAmount, Receiver as ShareReceiver, ReceiverResult, ReceiverType,
    RelationType, ReturnResult, UnfreezeOrder,
    notification::{self as sharing, ProfitSharingEvent},
};
use wxpay_settlement::refund::{
    AbnormalRefundType, ApplyAbnormalRefund, CreateRefund, PaymentRef, QueryRefund, RefundAmount,
    RefundChannel, RefundStatus,
    notification::{ABNORMAL, RefundEvent, SUCCESS},
};

/// The `MERCHANT_ID` profit-sharing receiver and its full name.
const ACCOUNT: &str = "86693852";
const NAME: &str = "示例商户全称";

fn refund(payment: PaymentRef, out_refund_no: &str, fen: u64, notify_url: &str) -> CreateRefund {
    CreateRefund::builder()
        .payment(payment)
        .out_refund_no(out_refund_no)
        .reason("部分退款")
        .notify_url(notify_url)
        .amount(RefundAmount::builder().refund(fen).total(39_900).build())
        .build()
}

#[tokio::test(flavor = "multi_thread")]
async fn partial_refunds_add_up_to_the_paid_amount() {
    let server = MockServer::start().await.expect("simulator");
    let c = client(&server);
    let receiver = Receiver::start().await;
    let transaction_id = paid_order(&server, &c, &receiver, "REFUND-ORDER-1", false).await;

    // A partial refund by the `transaction_id` of `collection.details[]`.
    let first = refund(PaymentRef::transaction_id(&transaction_id), "R-1", 10_000, &receiver.url);
    let answer = first.execute(&c).await.expect("refund");
    assert_eq!(answer.status, RefundStatus::Processing);
    assert_eq!(answer.transaction_id, transaction_id);
    assert_eq!(answer.out_trade_no, "REFUND-ORDER-1");
    assert_eq!((answer.amount.refund, answer.amount.total), (10_000, 39_900));
    let again = first.execute(&c).await.expect("the same request again");
    assert_eq!(again.refund_id, answer.refund_id, "refunded once");

    let event = RefundEvent::from_parts(SUCCESS, &wait_event(&server, &receiver, SUCCESS).await)
        .expect("REFUND.SUCCESS decodes");
    let RefundEvent::Success(notified) = event else { panic!("{event:?}") };
    assert_eq!(notified.out_refund_no, "R-1");
    assert_eq!(notified.refund_id, answer.refund_id);
    assert_eq!(notified.amount.refund, 10_000);
    assert_eq!(notified.mchid.as_deref(), Some(server.credentials().mchid.as_str()));
    assert!(notified.success_time.is_some());

    let queried = QueryRefund::builder().out_refund_no("R-1").build().execute(&c).await.expect("q");
    assert_eq!(queried.status, RefundStatus::Success);
    assert_eq!(queried.channel, RefundChannel::Original);

    // 29 900 fen are left: one fen more is refused, by either payment number.
    let too_much = refund(PaymentRef::out_trade_no("REFUND-ORDER-1"), "R-2", 29_901, &receiver.url);
    let err = too_much.execute(&c).await.expect_err("over the paid amount");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST", "{err}");
    let rest = refund(PaymentRef::out_trade_no("REFUND-ORDER-1"), "R-2", 29_900, &receiver.url);
    rest.execute(&c).await.expect("the rest");
    let err = refund(PaymentRef::transaction_id(&transaction_id), "R-3", 1, &receiver.url)
        .execute(&c)
        .await
        .expect_err("nothing left");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");

    // The same refund number with other parameters, a wrong total, an unknown payment.
    let err = refund(PaymentRef::transaction_id(&transaction_id), "R-1", 5, &receiver.url)
        .execute(&c)
        .await
        .expect_err("number reused");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");
    let wrong_total = CreateRefund::builder()
        .payment(PaymentRef::transaction_id(&transaction_id))
        .out_refund_no("R-4")
        .amount(RefundAmount::builder().refund(1).total(1).build())
        .build();
    assert_eq!(api_code(&wrong_total.execute(&c).await.expect_err("total")).1, "PARAM_ERROR");
    let unknown = refund(PaymentRef::transaction_id("4200000000000000000000000000"), "R-5", 1, "");
    assert_eq!(api_code(&unknown.execute(&c).await.expect_err("unknown")).0, 404);
    let err = QueryRefund::builder().out_refund_no("NO-SUCH").build().execute(&c).await;
    assert_eq!(api_code(&err.expect_err("no refund")).0, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn abnormal_refund_goes_to_the_bank_card() {
    let server = MockServer::start().await.expect("simulator");
    let c = client(&server);
    let receiver = Receiver::start().await;
    let transaction_id = paid_order(&server, &c, &receiver, "REFUND-ORDER-2", false).await;
    let answer = refund(PaymentRef::transaction_id(&transaction_id), "RA-1", 500, &receiver.url)
        .execute(&c)
        .await
        .expect("refund");
    let apply = |kind| {
        ApplyAbnormalRefund::builder()
            .refund_id(answer.refund_id.clone())
            .out_refund_no("RA-1")
            .kind(kind)
            .bank_type("ICBC_DEBIT")
            .bank_account("6222020200000000001")
            .real_name("张三")
            .build()
    };
    let err = apply(AbnormalRefundType::UserBankCard).execute(&c).await.expect_err("not abnormal");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST");

    server.make_refund_abnormal("RA-1").expect("abnormal");
    let event = RefundEvent::from_parts(ABNORMAL, &wait_event(&server, &receiver, ABNORMAL).await)
        .expect("REFUND.ABNORMAL decodes");
    assert_eq!(event.refund().map(|r| &r.refund_status), Some(&RefundStatus::Abnormal));

    // The bank fields go out encrypted; the simulator decrypts them with its platform key.
    let applied = apply(AbnormalRefundType::UserBankCard).execute(&c).await.expect("apply");
    assert_eq!(applied.status, RefundStatus::Processing);
    let queried =
        QueryRefund::builder().out_refund_no("RA-1").build().execute(&c).await.expect("q");
    assert_eq!(queried.status, RefundStatus::Success);
    assert_eq!(queried.channel, RefundChannel::OtherBankcard);
    let target = server
        .requests()
        .into_iter()
        .find(|r| r.target.ends_with("/apply-abnormal-refund"))
        .expect("recorded")
        .target;
    assert!(target.contains(&answer.refund_id), "{target}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unpaid_order_cannot_be_refunded() {
    let server = MockServer::start().await.expect("simulator");
    let c = client(&server);
    let receiver = Receiver::start().await;
    direct_create("REFUND-UNPAID", &receiver.url).execute(&c).await.expect("create");
    server.confirm_order("REFUND-UNPAID").expect("confirm");
    direct_complete("REFUND-UNPAID").execute(&c).await.expect("complete");
    // Completed, but the user has not paid yet: there is no payment to refund.
    let err = refund(PaymentRef::out_trade_no("REFUND-UNPAID"), "RU-1", 100, &receiver.url)
        .execute(&c)
        .await
        .expect_err("nothing paid");
    assert_eq!(api_code(&err).0, 404, "{err}");
    assert!(server.refunds().is_empty());
}

fn add_receiver() -> AddReceiver {
    AddReceiver::builder()
        .appid(APPID)
        .kind(ReceiverType::MerchantId)
        .account(ACCOUNT)
        .name(NAME)
        .relation_type(RelationType::Partner)
        .build()
}

fn share(transaction_id: &str, out_order_no: &str, fen: u64, name: &str) -> CreateOrder {
    CreateOrder::builder()
        .transaction_id(transaction_id)
        .out_order_no(out_order_no)
        .receivers(vec![
            ShareReceiver::builder()
                .kind(ReceiverType::MerchantId)
                .account(ACCOUNT)
                .name(name)
                .amount(fen)
                .description("分给商户A")
                .build(),
        ])
        .unfreeze_unsplit(false)
        .build()
}

async fn unsplit(c: &wxpay_core::Client, transaction_id: &str) -> u64 {
    let answer = QueryUnsplitAmount::builder()
        .transaction_id(transaction_id)
        .build()
        .execute(c)
        .await
        .expect("unsplit amount");
    assert_eq!(answer.transaction_id, transaction_id);
    answer.unsplit_amount
}

#[tokio::test(flavor = "multi_thread")]
async fn profit_sharing_splits_what_is_left_of_the_payment() {
    let receiver = Receiver::start().await;
    let server =
        MockServer::builder().service_notify_url(&receiver.url).start().await.expect("simulator");
    let c = client(&server);

    // Only a payment made with `profit_sharing: true` can be split.
    let plain = paid_order(&server, &c, &receiver, "SHARE-PLAIN", false).await;
    add_receiver().execute(&c).await.expect("receiver added");
    let err = share(&plain, "P-PLAIN", 100, NAME).execute(&c).await.expect_err("not shareable");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST", "{err}");
    assert_eq!(unsplit(&c, &plain).await, 0);

    let transaction_id = paid_order(&server, &c, &receiver, "SHARE-ORDER-1", true).await;
    assert_eq!(unsplit(&c, &transaction_id).await, 39_900);
    // A refund first: 39 000 fen are left to split.
    refund(PaymentRef::transaction_id(&transaction_id), "RS-1", 900, &receiver.url)
        .execute(&c)
        .await
        .expect("refund");
    assert_eq!(unsplit(&c, &transaction_id).await, 39_000);

    // The name goes out encrypted; the simulator decrypts it and compares.
    let err =
        share(&transaction_id, "P-1", 10_000, "别的商户").execute(&c).await.expect_err("name");
    assert_eq!(api_code(&err).1, "PARAM_ERROR", "{err}");
    let err = share(&transaction_id, "P-1", 39_001, NAME).execute(&c).await.expect_err("too much");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST", "{err}");

    let order = share(&transaction_id, "P-1", 10_000, NAME).execute(&c).await.expect("share");
    assert_eq!(order.state, OrderState::Processing);
    assert_eq!(
        (order.transaction_id.as_str(), order.out_order_no.as_str()),
        (&*transaction_id, "P-1")
    );
    let again = share(&transaction_id, "P-1", 10_000, NAME).execute(&c).await.expect("again");
    assert_eq!(again.order_id, order.order_id, "shared once");

    let plaintext = wait_event(&server, &receiver, sharing::SUCCESS).await;
    let event = ProfitSharingEvent::from_parts(sharing::SUCCESS, &plaintext).expect("decodes");
    let ProfitSharingEvent::Success(notified) = event else { panic!("{event:?}") };
    assert_eq!(notified.out_order_no, "P-1");
    assert_eq!(notified.order_id, order.order_id);
    assert_eq!(notified.transaction_id, transaction_id);
    assert_eq!((notified.receiver.account.as_str(), notified.receiver.amount), (ACCOUNT, 10_000));
    assert_eq!(notified.receiver.kind, ReceiverType::MerchantId);

    let queried = QueryOrder::builder()
        .out_order_no("P-1")
        .transaction_id(transaction_id.clone())
        .build()
        .execute(&c)
        .await
        .expect("query");
    assert_eq!(queried.state, OrderState::Finished);
    let line = &queried.receivers[0];
    assert_eq!((line.account.as_str(), line.amount), (ACCOUNT, 10_000));
    assert_eq!(line.result, ReceiverResult::Success);
    assert_eq!(unsplit(&c, &transaction_id).await, 29_000);

    // What the receiver holds is not refundable until it is returned.
    let err = refund(PaymentRef::transaction_id(&transaction_id), "RS-2", 29_001, &receiver.url)
        .execute(&c)
        .await
        .expect_err("money with the receiver");
    assert!(api_code(&err).2.contains("分账回退"), "{err}");

    // Returns (回退) of at most what the receiver got.
    let give_back = |no: &str, fen| {
        CreateReturn::builder()
            .order(OrderRef::out_order_no("P-1"))
            .out_return_no(no)
            .return_mchid(ACCOUNT)
            .amount(fen)
            .description("用户退款")
            .build()
    };
    let returned = give_back("RET-1", 3_000).execute(&c).await.expect("return");
    assert_eq!((returned.amount, returned.order_id.as_str()), (3_000, order.order_id.as_str()));
    assert_eq!(returned.result, ReturnResult::Success);
    let err = give_back("RET-2", 7_001).execute(&c).await.expect_err("more than received");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST", "{err}");
    let queried = QueryReturn::builder()
        .out_return_no("RET-1")
        .out_order_no("P-1")
        .build()
        .execute(&c)
        .await
        .expect("query return");
    assert_eq!((queried.return_id, queried.amount), (returned.return_id, 3_000));
    // The 3 000 fen returned are refundable again: 29 000 + 3 000.
    refund(PaymentRef::transaction_id(&transaction_id), "RS-2", 32_000, &receiver.url)
        .execute(&c)
        .await
        .expect("refund what was returned");

    // A deleted receiver gets nothing more.
    let deleted = DeleteReceiver::builder()
        .appid(APPID)
        .kind(ReceiverType::MerchantId)
        .account(ACCOUNT)
        .build();
    let answer = deleted.execute(&c).await.expect("delete");
    assert_eq!(answer.account, ACCOUNT);
    assert_eq!(api_code(&deleted.execute(&c).await.expect_err("gone")).0, 404);
    let err = share(&transaction_id, "P-2", 1, NAME).execute(&c).await.expect_err("deleted");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST", "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn unfreeze_releases_the_rest() {
    let server = MockServer::start().await.expect("simulator");
    let c = client(&server);
    let receiver = Receiver::start().await;
    let transaction_id = paid_order(&server, &c, &receiver, "SHARE-ORDER-2", true).await;
    add_receiver().execute(&c).await.expect("receiver added");
    share(&transaction_id, "P-1", 20_000, NAME).execute(&c).await.expect("share");
    assert_eq!(unsplit(&c, &transaction_id).await, 19_900);

    let unfreeze = UnfreezeOrder::builder()
        .transaction_id(transaction_id.clone())
        .out_order_no("P-UNFREEZE")
        .description("解冻全部剩余资金")
        .build();
    let order = unfreeze.execute(&c).await.expect("unfreeze");
    assert_eq!(order.out_order_no, "P-UNFREEZE");
    let queried = QueryOrder::builder()
        .out_order_no("P-UNFREEZE")
        .transaction_id(transaction_id.clone())
        .build()
        .execute(&c)
        .await
        .expect("query");
    assert_eq!(queried.state, OrderState::Finished);
    assert_eq!(queried.receivers.iter().map(|r| r.amount).sum::<u64>(), 19_900);
    assert_eq!(queried.receivers[0].account, server.credentials().mchid, "back to the merchant");
    assert_eq!(unsplit(&c, &transaction_id).await, 0);

    // Nothing is left to split or to unfreeze.
    let err = share(&transaction_id, "P-2", 1, NAME).execute(&c).await.expect_err("unfrozen");
    assert_eq!(api_code(&err).1, "INVALID_REQUEST", "{err}");
    let again = UnfreezeOrder::builder()
        .transaction_id(transaction_id.clone())
        .out_order_no("P-UNFREEZE-2")
        .description("再次解冻")
        .build();
    assert_eq!(api_code(&again.execute(&c).await.expect_err("twice")).1, "INVALID_REQUEST");
}
