//! The request shapes that the legacy 先享后付 ([`payafter_orders`](crate::payafter_orders))
//! and 智慧零售 ([`smartretail_orders`](crate::smartretail_orders)) endpoints share.
//!
//! WeChat documents the two families with the same fields under different paths. Each macro
//! here declares one endpoint struct (its fields, builder and `validate()`) from the one
//! definition; the endpoint files keep their own doc comment and `#[endpoint(...)]`
//! attribute, passed in as attributes:
//!
//! ```ignore
//! cancel_order! {
//!     /// Revokes a 智慧零售 order ...
//!     #[endpoint(POST, "v3/payscore/smartretail-orders/<out_order_no>/cancel", response = PayAfterOrderIds)]
//!     pub struct CancelSmartRetailOrder;
//! }
//! ```
//!
//! The types are spelled with `$crate` paths, so the invoking file needs only `endpoint` (and
//! what its own attributes name) in scope.

/// Declares a cancel request (`appid`, `service_id`, `reason`; `out_order_no` in the path).
macro_rules! cancel_order {
    ($(#[$attr:meta])* pub struct $name:ident;) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq, ::serde::Deserialize, ::bon::Builder)]
        #[builder(on(String, into))]
        #[non_exhaustive]
        pub struct $name {
            /// Path: the merchant's order number (商户服务订单号).
            pub out_order_no: ::wxpay_core::OutOrderNo,
            /// App ID (公众账号ID).
            pub appid: String,
            /// PayScore service id (服务ID).
            pub service_id: String,
            /// Why the order is revoked (取消原因), e.g. `用户投诉`.
            pub reason: String,
        }

        impl $name {
            /// Checks what can be checked before sending: `appid`, `service_id` and `reason`
            /// present, no 4-byte characters.
            ///
            /// # Errors
            ///
            /// The first [`ValidationError`](crate::ValidationError) found.
            pub fn validate(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                $crate::types::required_text("appid", &self.appid, None)?;
                $crate::types::required_text("service_id", &self.service_id, None)?;
                $crate::types::required_text("reason", &self.reason, None)
            }
        }
    };
}
pub(crate) use cancel_order;

/// Declares a complete request (`finish_type`, the actual times, fees, discounts,
/// `total_amount`, `finish_ticket`; `out_order_no` in the path).
macro_rules! complete_order {
    ($(#[$attr:meta])* pub struct $name:ident;) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq, ::serde::Deserialize, ::bon::Builder)]
        #[builder(on(String, into))]
        #[non_exhaustive]
        pub struct $name {
            /// Path: the merchant's order number (商户服务订单号).
            pub out_order_no: ::wxpay_core::OutOrderNo,
            /// App ID (公众账号ID).
            pub appid: String,
            /// PayScore service id (服务ID).
            pub service_id: String,
            /// How the user used the order (标识用户订单使用情况): `1` not used, `2` used.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub finish_type: Option<$crate::payafter_orders::FinishType>,
            /// Why the order is cancelled (取消订单的原因), with `finish_type` `1`.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub cancel_reason: Option<String>,
            /// When the service actually started (实际服务开始时间).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub real_service_start_time: Option<$crate::ServiceTime>,
            /// When the service ended (服务结束时间).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub real_service_end_time: Option<$crate::ServiceTime>,
            /// Where the service actually ended (实际结束使用服务的地点).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub real_service_end_location: Option<String>,
            /// Final fee items (后付费，描述付费项目列表).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            #[builder(default)]
            pub fees: Vec<$crate::payafter_orders::Fee>,
            /// Final merchant discounts (商户优惠), at most 5, with `discount_amount`.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            #[builder(default)]
            pub discounts: Vec<$crate::payafter_orders::FeeDiscount>,
            /// Total charged (总金额), in fen, zero or more.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub total_amount: Option<$crate::Amount>,
            /// The completion ticket from the query answer (完结凭证).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub finish_ticket: Option<String>,
            /// Whether the payment is to be split (是否指定商户分账).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub profit_sharing: Option<bool>,
        }

        impl $name {
            /// Checks what can be checked before sending: `appid` and `service_id` present,
            /// fee names present, at most 5 discounts with names of at most 20 characters, no
            /// 4-byte characters in the texts.
            ///
            /// # Errors
            ///
            /// The first [`ValidationError`](crate::ValidationError) found.
            pub fn validate(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                let texts = [
                    ("cancel_reason", self.cancel_reason.as_ref()),
                    ("real_service_end_location", self.real_service_end_location.as_ref()),
                ];
                let (fees, discounts) = (&self.fees, &self.discounts);
                $crate::payafter_orders::check_order(&self.appid, &self.service_id, &texts, fees, discounts)
            }
        }
    };
}
pub(crate) use complete_order;

/// Declares a create request: the fields both families send, then the `Option<_>` fields
/// given in braces (the personal fields only 先享后付 carries). `Debug` redacts `openid`.
macro_rules! create_order {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $( $(#[$extra_attr:meta])* pub $extra:ident: Option<$extra_ty:ident>, )*
        }
    ) => {
        $(#[$attr])*
        #[derive(Clone, PartialEq, ::serde::Deserialize, ::bon::Builder)]
        #[builder(on(String, into))]
        #[non_exhaustive]
        pub struct $name {
            /// App ID (公众账号ID).
            pub appid: String,
            /// The merchant's order number (商户服务订单号).
            pub out_order_no: ::wxpay_core::OutOrderNo,
            /// PayScore service id (服务ID).
            pub service_id: String,
            /// When the service starts, as confirmed at ordering (用户下单时确认的服务开始时间):
            /// `yyyyMMddHHmmss`, `yyyyMMdd` or `OnAccept` (the moment the user accepts).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub service_start_time: Option<$crate::StartTime>,
            /// When the service is expected to end (用户下单时确定的预计服务结束时间).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub service_end_time: Option<$crate::ServiceTime>,
            /// Where the service starts (开始使用服务的地点).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub service_start_location: Option<String>,
            /// Where the service is expected to end (预计服务结束的地点).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub service_end_location: Option<String>,
            /// What the service is (服务信息，用于介绍本订单所提供的服务).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub service_introduction: Option<String>,
            /// Fee items (后付费，描述付费项目列表).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            #[builder(default)]
            pub fees: Vec<$crate::payafter_orders::Fee>,
            /// Merchant discounts (商户优惠), at most 5; name and description only.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            #[builder(default)]
            pub discounts: Vec<$crate::payafter_orders::FeeDiscount>,
            /// Order risk amount (订单风险金额), in fen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub risk_amount: Option<$crate::Amount>,
            /// The merchant's own data (商户自定义说明,可存放本订单所需信息).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub attach: Option<String>,
            /// Whether the user must confirm the order (使用需用户确认订单类型); default `true`.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub need_user_confirm: Option<bool>,
            /// The user's openid under `appid` (微信用户在商户对应appid下的唯一标识). Personal
            /// data.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub openid: Option<String>,
            $( $(#[$extra_attr])* pub $extra: Option<$extra_ty>, )*
        }

        impl $name {
            /// Checks what can be checked before sending: `appid` and `service_id` present,
            /// fee names present, at most 5 discounts with names of at most 20 characters, no
            /// 4-byte characters in the texts.
            ///
            /// # Errors
            ///
            /// The first [`ValidationError`](crate::ValidationError) found.
            pub fn validate(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                let texts = [
                    ("service_introduction", self.service_introduction.as_ref()),
                    ("service_start_location", self.service_start_location.as_ref()),
                    ("service_end_location", self.service_end_location.as_ref()),
                    ("attach", self.attach.as_ref()),
                ];
                let (fees, discounts) = (&self.fees, &self.discounts);
                $crate::payafter_orders::check_order(&self.appid, &self.service_id, &texts, fees, discounts)
            }
        }

        $crate::types::redacted_debug!($name {
            appid, out_order_no, service_id, service_start_time, service_end_time,
            service_start_location, service_end_location, service_introduction, fees,
            discounts, risk_amount, attach, need_user_confirm, $($extra,)*
        } redact { openid });
    };
}
pub(crate) use create_order;

/// Declares a query request: `service_id`, the order (by `out_order_no` or `query_id`) and
/// `appid`, all in the query string.
macro_rules! query_order {
    ($(#[$attr:meta])* pub struct $name:ident;) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq, ::serde::Deserialize, ::bon::Builder)]
        #[builder(on(String, into))]
        #[non_exhaustive]
        pub struct $name {
            /// Query: PayScore service id (服务ID).
            pub service_id: String,
            /// Query: the order, by `out_order_no` (商户服务订单号) or `query_id` (回跳查询ID).
            #[serde(flatten)]
            #[builder(into)]
            pub lookup: $crate::service_order::OrderLookup,
            /// Query: app ID (公众账号ID).
            pub appid: String,
        }
    };
}
pub(crate) use query_order;

#[cfg(test)]
pub(crate) mod fixtures;
