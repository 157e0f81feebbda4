//! Refunds and profit sharing in partner mode (服务商, `sub_mchid`) end to end against the
//! simulator: a sub-merchant's PayScore order paid with `profit_sharing: true`, refunded in
//! part (`REFUND.SUCCESS` names `sp_mchid` and `sub_mchid`), split to a receiver of the
//! sub-merchant (`PROFITSHARING.SUCCESS`), queried, returned (回退) and unfrozen, each request
//! carrying `sub_mchid`; without it the service provider's own books are asked, where none
//! of this exists.

#![allow(clippy::expect_used, clippy::panic)]

#[path = "e2e/settlement.rs"]
mod settlement;
#[path = "e2e/support.rs"]
mod support;

use settlement::{partner_paid_order, wait_event};
use support::{APPID, Receiver, SUB_APPID, SUB_MCHID, api_code, client};
use wxpay_mock::MockServer;
use wxpay_settlement::profit_sharing::{
    AddReceiver, CreateOrder, CreateReturn, OrderRef, OrderState, QueryOrder, QueryReturn,
    QueryUnsplitAmount, Receiver as ShareReceiver, ReceiverType, RelationType, ReturnResult,
    UnfreezeOrder,
    notification::{self as sharing, ProfitSharingEvent},
};
use wxpay_settlement::refund::{
    CreateRefund, PaymentRef, QueryRefund, RefundAmount, RefundStatus,
    notification::{RefundEvent, SUCCESS},
};

/// The sub-merchant's `MERCHANT_ID` receiver and its full name.
const ACCOUNT: &str = "86693852";
const NAME: &str = "示例商户全称";

fn refund(transaction_id: &str, no: &str, fen: u64, url: &str, sub: Option<&str>) -> CreateRefund {
    CreateRefund::builder()
        .maybe_sub_mchid(sub)
        .payment(PaymentRef::transaction_id(transaction_id))
        .out_refund_no(no)
        .reason("部分退款")
        .notify_url(url)
        .amount(RefundAmount::builder().refund(fen).total(39_900).build())
        .build()
}

fn share(transaction_id: &str, out_order_no: &str, fen: u64, sub: Option<&str>) -> CreateOrder {
    CreateOrder::builder()
        .maybe_sub_mchid(sub)
        .appid(APPID)
        .sub_appid(SUB_APPID)
        .transaction_id(transaction_id)
        .out_order_no(out_order_no)
        .receivers(vec![
            ShareReceiver::builder()
                .kind(ReceiverType::MerchantId)
                .account(ACCOUNT)
                .name(NAME)
                .amount(fen)
                .description("分给商户A")
                .build(),
        ])
        .unfreeze_unsplit(false)
        .build()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sub_merchants_payment_is_refunded_in_its_name() {
    let receiver = Receiver::start().await;
    let server =
        MockServer::builder().service_notify_url(&receiver.url).start().await.expect("simulator");
    let c = client(&server);
    let sp_mchid = server.credentials().mchid.clone();
    let transaction_id = partner_paid_order(&server, &c, &receiver, "PS-ORDER-1", true).await;

    // Refund: only the sub-merchant's books hold the payment.
    let err = refund(&transaction_id, "PR-0", 900, &receiver.url, None)
        .execute(&c)
        .await
        .expect_err("not the service provider's payment");
    assert_eq!(api_code(&err).0, 404, "{err}");
    let answer = refund(&transaction_id, "PR-1", 900, &receiver.url, Some(SUB_MCHID))
        .execute(&c)
        .await
        .expect("refund");
    assert_eq!(answer.status, RefundStatus::Processing);
    assert_eq!(answer.out_trade_no, "PS-ORDER-1");
    let event = RefundEvent::from_parts(SUCCESS, &wait_event(&server, &receiver, SUCCESS).await)
        .expect("REFUND.SUCCESS decodes");
    let RefundEvent::Success(notified) = event else { panic!("{event:?}") };
    assert_eq!(notified.out_refund_no, "PR-1");
    assert_eq!(notified.sp_mchid.as_deref(), Some(sp_mchid.as_str()));
    assert_eq!(notified.sub_mchid.as_deref(), Some(SUB_MCHID));
    assert_eq!(notified.mchid, None);
    let query = |sub: Option<&str>| {
        QueryRefund::builder().maybe_sub_mchid(sub).out_refund_no("PR-1").build()
    };
    assert_eq!(query(Some(SUB_MCHID)).execute(&c).await.expect("q").status, RefundStatus::Success);
    assert_eq!(api_code(&query(None).execute(&c).await.expect_err("other books")).0, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sub_merchants_payment_is_shared_returned_and_unfrozen_in_its_name() {
    let receiver = Receiver::start().await;
    let server =
        MockServer::builder().service_notify_url(&receiver.url).start().await.expect("simulator");
    let c = client(&server);
    let sp_mchid = server.credentials().mchid.clone();
    let transaction_id = partner_paid_order(&server, &c, &receiver, "PS-ORDER-2", true).await;

    // Profit sharing with a receiver of the sub-merchant.
    AddReceiver::builder()
        .sub_mchid(SUB_MCHID)
        .appid(APPID)
        .sub_appid(SUB_APPID)
        .kind(ReceiverType::MerchantId)
        .account(ACCOUNT)
        .name(NAME)
        .relation_type(RelationType::Partner)
        .build()
        .execute(&c)
        .await
        .expect("receiver added");
    let err = share(&transaction_id, "PP-0", 100, None).execute(&c).await.expect_err("sp books");
    assert_eq!(api_code(&err).1, "RESOURCE_NOT_EXISTS", "{err}");
    let order =
        share(&transaction_id, "PP-1", 10_000, Some(SUB_MCHID)).execute(&c).await.expect("share");
    assert_eq!(order.sub_mchid.as_deref(), Some(SUB_MCHID));
    assert_eq!(order.state, OrderState::Processing);
    let plaintext = wait_event(&server, &receiver, sharing::SUCCESS).await;
    let event = ProfitSharingEvent::from_parts(sharing::SUCCESS, &plaintext).expect("decodes");
    let ProfitSharingEvent::Success(notified) = event else { panic!("{event:?}") };
    assert_eq!(notified.out_order_no, "PP-1");
    assert_eq!(notified.sp_mchid.as_deref(), Some(sp_mchid.as_str()));
    assert_eq!(notified.sub_mchid.as_deref(), Some(SUB_MCHID));
    assert_eq!((notified.receiver.account.as_str(), notified.receiver.amount), (ACCOUNT, 10_000));

    let queried = QueryOrder::builder()
        .sub_mchid(SUB_MCHID)
        .out_order_no("PP-1")
        .transaction_id(transaction_id.clone())
        .build()
        .execute(&c)
        .await
        .expect("query");
    assert_eq!(queried.state, OrderState::Finished);
    assert_eq!(queried.sub_mchid.as_deref(), Some(SUB_MCHID));
    let unsplit = QueryUnsplitAmount::builder()
        .transaction_id(transaction_id.clone())
        .build()
        .execute(&c)
        .await
        .expect("unsplit");
    assert_eq!(unsplit.unsplit_amount, 39_900 - 10_000);

    // Return (回退) part of it, in the sub-merchant's name.
    let returned = CreateReturn::builder()
        .sub_mchid(SUB_MCHID)
        .order(OrderRef::out_order_no("PP-1"))
        .out_return_no("PRET-1")
        .return_mchid(ACCOUNT)
        .amount(3_000)
        .description("用户退款")
        .build()
        .execute(&c)
        .await
        .expect("return");
    assert_eq!(returned.result, ReturnResult::Success);
    assert_eq!(returned.sub_mchid.as_deref(), Some(SUB_MCHID));
    let query_return = |sub: Option<&str>| {
        QueryReturn::builder()
            .maybe_sub_mchid(sub)
            .out_return_no("PRET-1")
            .out_order_no("PP-1")
            .build()
    };
    let found = query_return(Some(SUB_MCHID)).execute(&c).await.expect("query return");
    assert_eq!((found.return_id, found.amount), (returned.return_id, 3_000));
    assert_eq!(api_code(&query_return(None).execute(&c).await.expect_err("sp books")).0, 404);

    // Unfreeze what is left, back to the sub-merchant.
    let unfrozen = UnfreezeOrder::builder()
        .sub_mchid(SUB_MCHID)
        .transaction_id(transaction_id.clone())
        .out_order_no("PP-UNFREEZE")
        .description("解冻全部剩余资金")
        .build()
        .execute(&c)
        .await
        .expect("unfreeze");
    assert_eq!(unfrozen.sub_mchid.as_deref(), Some(SUB_MCHID));
    let queried = QueryOrder::builder()
        .sub_mchid(SUB_MCHID)
        .out_order_no("PP-UNFREEZE")
        .transaction_id(transaction_id.clone())
        .build()
        .execute(&c)
        .await
        .expect("query unfreeze");
    assert_eq!(queried.receivers[0].account, SUB_MCHID, "back to the sub-merchant");
    assert_eq!(queried.receivers.iter().map(|r| r.amount).sum::<u64>(), 29_900);
}
