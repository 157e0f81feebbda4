//! The example requests of WeChat's 先享后付 / 智慧零售 pages, built for either family, their
//! bodies, and the tests that hold for both families alike. Each endpoint file keeps its own
//! `prepares_the_request` test (its path, the shared body).

#![allow(clippy::unwrap_used)]

/// The path field of the cancel and complete examples.
pub(crate) const OUT_ORDER_NO: &[(&str, &str)] = &[("out_order_no", "1234323JKHDFE1243252")];

/// The cancel example, as an `$ty` (`CancelPayAfterOrder` or `CancelSmartRetailOrder`).
macro_rules! cancel_request {
    ($ty:ty) => {
        <$ty>::builder()
            .out_order_no(::wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("500001")
            .reason("用户投诉")
            .build()
    };
}
pub(crate) use cancel_request;

/// The body of [`cancel_request!`].
pub(crate) const CANCEL_BODY: &str =
    r#"{"appid":"wxd678efh567hg6787","service_id":"500001","reason":"用户投诉"}"#;

/// The complete example (`finish_type` `2`, with fees and a discount), as an `$ty`.
macro_rules! complete_request {
    ($ty:ty) => {
        <$ty>::builder()
            .out_order_no(::wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .appid("wxd678efh567hg6787")
            .service_id("500001")
            .finish_type($crate::payafter_orders::FinishType::Used)
            .real_service_start_time("20091225091010".parse().unwrap())
            .real_service_end_time("20091225121010".parse().unwrap())
            .real_service_end_location("嗨客时尚主题展餐厅")
            .fees(vec![$crate::legacy::fixtures::fee()])
            .discounts(vec![
                $crate::payafter_orders::FeeDiscount::builder()
                    .discount_name("满20减1元")
                    .discount_amount($crate::Amount::fen(100))
                    .discount_desc("不与其他优惠叠加")
                    .build(),
            ])
            .total_amount($crate::Amount::fen(39_900))
            .finish_ticket("Easdfowealsdkjfnlaksjdlfkwqoi")
            .profit_sharing(true)
            .build()
    };
}
pub(crate) use complete_request;

/// The body of [`complete_request!`].
pub(crate) const COMPLETE_BODY: &str = r#"{"appid":"wxd678efh567hg6787","service_id":"500001","finish_type":2,"real_service_start_time":"20091225091010","real_service_end_time":"20091225121010","real_service_end_location":"嗨客时尚主题展餐厅","fees":[{"fee_name":"就餐费用","fee_count":4,"fee_amount":40000,"fee_desc":"就餐人均100元"}],"discounts":[{"discount_name":"满20减1元","discount_desc":"不与其他优惠叠加","discount_amount":100}],"total_amount":39900,"finish_ticket":"Easdfowealsdkjfnlaksjdlfkwqoi","profit_sharing":true}"#;

/// A complete request with `finish_type` `1` (not used) for order `A1`, as an `$ty`.
macro_rules! complete_not_used {
    ($ty:ty) => {
        <$ty>::builder()
            .out_order_no(::wxpay_core::OutOrderNo::new("A1").unwrap())
            .appid("wx1")
            .service_id("500001")
            .finish_type($crate::payafter_orders::FinishType::NotUsed)
            .cancel_reason("用户未取车")
            .finish_ticket("T")
            .build()
    };
}
pub(crate) use complete_not_used;

/// The body of [`complete_not_used!`].
pub(crate) const COMPLETE_NOT_USED_BODY: &str = r#"{"appid":"wx1","service_id":"500001","finish_type":1,"cancel_reason":"用户未取车","finish_ticket":"T"}"#;

/// The create example (all fields both families share), as an `$ty`.
macro_rules! create_request {
    ($ty:ty) => {
        <$ty>::builder()
            .appid("wxd678efh567hg6787")
            .out_order_no(::wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("500001")
            .service_start_time($crate::StartTime::OnAccept)
            .service_end_time("20091225121010".parse().unwrap())
            .service_start_location("嗨客时尚主题展餐厅")
            .service_end_location("嗨客时尚主题展餐厅")
            .service_introduction("某某酒店")
            .fees(vec![$crate::legacy::fixtures::fee()])
            .discounts(vec![
                $crate::payafter_orders::FeeDiscount::builder()
                    .discount_name("满20减1元")
                    .discount_desc("不与其他优惠叠加")
                    .build(),
            ])
            .risk_amount($crate::Amount::fen(10_000))
            .attach("Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald")
            .need_user_confirm(false)
            .openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            .build()
    };
}
pub(crate) use create_request;

/// The body of [`create_request!`].
pub(crate) const CREATE_BODY: &str = r#"{"appid":"wxd678efh567hg6787","out_order_no":"1234323JKHDFE1243252","service_id":"500001","service_start_time":"OnAccept","service_end_time":"20091225121010","service_start_location":"嗨客时尚主题展餐厅","service_end_location":"嗨客时尚主题展餐厅","service_introduction":"某某酒店","fees":[{"fee_name":"就餐费用","fee_count":4,"fee_amount":40000,"fee_desc":"就餐人均100元"}],"discounts":[{"discount_name":"满20减1元","discount_desc":"不与其他优惠叠加"}],"risk_amount":10000,"attach":"Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald","need_user_confirm":false,"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}"#;

/// The documented answer of cancel and complete ([`PayAfterOrderIds`](crate::payafter_orders::PayAfterOrderIds)).
pub(crate) const IDS_ANSWER: &str = r#"{"appid":"wxd678efh567hg6787","mchid":"1230000109","out_order_no":"2304203423948239423","service_id":"500001","order_id":"15646546545165651651"}"#;

/// The fee item of the examples.
pub(crate) fn fee() -> crate::payafter_orders::Fee {
    crate::payafter_orders::Fee::builder()
        .fee_name("就餐费用")
        .fee_count(4)
        .fee_amount(crate::Amount::fen(40_000))
        .fee_desc("就餐人均100元")
        .build()
}

/// Runs `$body` once per family, with `$alias` naming that family's type.
macro_rules! for_each {
    (type $alias:ident in [$($ty:ty),+] $body:block) => {
        $( { type $alias = $ty; $body } )+
    };
}

mod tests {
    use crate::{
        ValidationError,
        payafter_orders::{
            CancelPayAfterOrder, CompletePayAfterOrder, CreatePayAfterOrder, PayAfterOrderIds,
        },
        smartretail_orders::{
            CancelSmartRetailOrder, CompleteSmartRetailOrder, CreateSmartRetailOrder,
        },
        test_support::{assert_path_fields_not_in_body, client, prepare, signed_response},
    };

    use super::{IDS_ANSWER, OUT_ORDER_NO};

    fn missing(field: &str) -> Result<(), ValidationError> {
        Err(ValidationError::Missing { field: field.into() })
    }

    #[test]
    fn cancel_and_complete_validate_the_example_and_catch_a_missing_service_id() {
        for_each!(type Cancel in [CancelPayAfterOrder, CancelSmartRetailOrder] {
            let mut request = cancel_request!(Cancel);
            assert_eq!(request.validate(), Ok(()));
            request.service_id = String::new();
            assert_eq!(request.validate(), missing("service_id"));
            let request = Cancel { reason: String::new(), ..cancel_request!(Cancel) };
            assert_eq!(request.validate(), missing("reason"));
        });
        for_each!(type Complete in [CompletePayAfterOrder, CompleteSmartRetailOrder] {
            let mut request = complete_request!(Complete);
            assert_eq!(request.validate(), Ok(()));
            request.service_id = String::new();
            assert_eq!(request.validate(), missing("service_id"));
            assert_path_fields_not_in_body(&complete_request!(Complete), OUT_ORDER_NO);
            assert_eq!(complete_not_used!(Complete).validate(), Ok(()));
            let mut request = complete_request!(Complete);
            request.fees[0].fee_name = String::new();
            assert_eq!(request.validate(), missing("fees[0].fee_name"));
        });
    }

    #[test]
    fn create_validates_round_trips_and_redacts_openid() {
        for_each!(type Create in [CreatePayAfterOrder, CreateSmartRetailOrder] {
            assert_eq!(create_request!(Create).validate(), Ok(()));
            let mut bad = create_request!(Create);
            bad.appid = String::new();
            assert_eq!(bad.validate(), missing("appid"));
            let mut bad = create_request!(Create);
            bad.attach = Some("🙂".into());
            assert!(matches!(bad.validate(), Err(ValidationError::UnsupportedCharacter { .. })));
            let decoded: Create =
                serde_json::from_slice(prepare(&create_request!(Create)).body()).unwrap();
            assert_eq!(decoded, create_request!(Create));
            let debug = format!("{:?}", create_request!(Create));
            assert!(!debug.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "{debug}");
            assert!(debug.contains("openid: Some(<redacted>)"), "{debug}");
        });
    }

    #[tokio::test]
    async fn cancel_and_complete_decode_the_documented_answer() {
        async fn ids<E>(request: &E) -> PayAfterOrderIds
        where
            E: wxpay_core::Endpoint<Response = PayAfterOrderIds> + Sync,
        {
            let client = client();
            client.transport().push_response(signed_response(200, IDS_ANSWER));
            client.execute(request).await.unwrap()
        }
        for_each!(type Cancel in [CancelPayAfterOrder, CancelSmartRetailOrder] {
            let ids = ids(&cancel_request!(Cancel)).await;
            assert_eq!(ids.out_order_no, "2304203423948239423");
            assert_eq!(ids.order_id, "15646546545165651651");
            assert_eq!(ids.service_id.as_deref(), Some("500001"));
        });
        for_each!(type Complete in [CompletePayAfterOrder, CompleteSmartRetailOrder] {
            assert_eq!(ids(&complete_request!(Complete)).await.order_id, "15646546545165651651");
        });
    }
}
