//! The request shape of the four charge messages (下发服务费用待处理消息 and 下发服务预扣费消息,
//! direct and partner): one definition, each endpoint file giving its own doc comment and
//! `#[endpoint(...)]` attribute.

/// Declares a charge-message request: `out_order_no` in the path; `service_id`, then the ids
/// given in braces (the partner's `sub_mchid`), the fee items, discounts, `total_amount` and
/// `prepaid_time` in the body.
macro_rules! charge_message {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $( $(#[$id_attr:meta])* pub $id:ident: String, )*
        }
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq, ::serde::Deserialize, ::bon::Builder)]
        #[builder(on(String, into))]
        #[non_exhaustive]
        pub struct $name {
            /// Path: the merchant's order number (商户服务订单号).
            pub out_order_no: ::wxpay_core::OutOrderNo,
            /// PayScore service id (服务ID).
            pub service_id: String,
            $( $(#[$id_attr])* pub $id: String, )*
            /// The fee items (后付费项目).
            pub post_payments: Vec<$crate::Payment>,
            /// The merchant discounts (商户优惠).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            #[builder(default)]
            pub post_discounts: Vec<$crate::Discount>,
            /// The amount to be charged (总金额): `Σ post_payments.amount −
            /// Σ post_discounts.amount`.
            pub total_amount: $crate::Amount,
            /// Expected charge date (预计扣费时间), `yyyyMMdd`.
            pub prepaid_time: $crate::ServiceDate,
        }

        impl $name {
            /// Checks the documented limits before sending: ids present, 1–100 payments and
            /// at most 30 discounts within their length limits, the `total_amount` identity,
            /// no 4-byte characters.
            ///
            /// # Errors
            ///
            /// The first [`ValidationError`](crate::ValidationError) found.
            pub fn validate(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                $crate::types::ids(&[
                    ("service_id", &self.service_id),
                    $( (stringify!($id), &self.$id), )*
                ])?;
                let (payments, discounts) = (&self.post_payments, &self.post_discounts);
                $crate::types::amounts(payments, discounts, self.total_amount, false)
            }
        }
    };
}
pub(crate) use charge_message;

/// The example of WeChat's pages, as an `$ty`, with the extra `setter(value)` calls given
/// (a partner's `sub_mchid`).
#[cfg(test)]
macro_rules! message_request {
    ($ty:ty $(, $setter:ident($value:expr))* $(,)?) => {
        <$ty>::builder()
            .out_order_no(::wxpay_core::OutOrderNo::new("1234323JKHDFE1243252").unwrap())
            .service_id("2002000000000558128851361561536")
            $( .$setter($value) )*
            .post_payments(vec![$crate::test_support::example_payment()])
            .total_amount($crate::Amount::fen(39_900))
            .prepaid_time("20231218".parse().unwrap())
            .post_discounts(vec![$crate::test_support::example_discount()])
            .build()
    };
}
#[cfg(test)]
pub(crate) use message_request;

/// Asserts that `$request` (the example) prepares into a `POST` of `$body` to `$url`, without
/// `out_order_no` in the body, and that `validate` accepts it but not a wrong total.
#[cfg(test)]
macro_rules! assert_message {
    ($request:expr, $url:expr, $body:expr) => {{
        let request = $request;
        $crate::test_support::assert_post(
            &request,
            $url,
            $body,
            &[("out_order_no", "1234323JKHDFE1243252")],
        );
        assert_eq!(request.validate(), Ok(()));
        let mut bad = request;
        bad.total_amount = $crate::Amount::fen(50_000);
        assert!(matches!(bad.validate(), Err($crate::ValidationError::TotalAmountMismatch { .. })));
    }};
}
#[cfg(test)]
pub(crate) use assert_message;

/// The body of the direct example.
#[cfg(test)]
pub(crate) const DIRECT_BODY: &str = r#"{"service_id":"2002000000000558128851361561536","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"prepaid_time":"20231218"}"#;

/// The body of the partner example (`sub_mchid` `1900000109`).
#[cfg(test)]
pub(crate) const PARTNER_BODY: &str = r#"{"service_id":"2002000000000558128851361561536","sub_mchid":"1900000109","post_payments":[{"name":"就餐费用","description":"就餐人均100元","amount":40000,"count":4}],"post_discounts":[{"name":"满20减1元","description":"不与其他优惠叠加","amount":100,"count":2}],"total_amount":39900,"prepaid_time":"20231218"}"#;
