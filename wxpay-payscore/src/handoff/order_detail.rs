//! `wxpayScoreDetail`: the order details page.

use serde::Serialize;
use wxpay_core::{BuildError, OutOrderNo};

use super::{BusinessView, SIGN_TYPE, Signer, sealed::Sealed, timestamp_and_nonce};

/// 调起支付分-订单详情 (`businessType` `wxpayScoreDetail`): opens the details page of an
/// order, by `service_id` and `out_order_no`.
///
/// Signed with the APIv2 key over `mch_id`, `service_id`, `out_order_no`, `timestamp`,
/// `nonce_str` and `sign_type` (partner mode: the service provider's `mch_id` and key).
/// Call [`sign`](Self::sign), then [`BusinessView::mini_program`], [`BusinessView::jsapi`]
/// or [`BusinessView::app`].
///
/// WeChat: <https://pay.weixin.qq.com/doc/v3/merchant/4012587980> (Android 订单详情页),
/// <https://pay.weixin.qq.com/doc/v3/merchant/4012596423> (iOS 订单详情页); the mini-program
/// and JSAPI pages take the same parameters as `extraData` / `queryString`.
#[derive(Debug, Clone, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct OrderDetail {
    /// 服务ID `service_id`.
    pub service_id: String,
    /// 商户服务订单号 `out_order_no`.
    pub out_order_no: OutOrderNo,
    /// 时间戳 `timestamp`, Unix seconds (optional: now when unset).
    pub timestamp: Option<i64>,
    /// 随机字符串 `nonce_str`, at most 32 letters and digits (optional: a fresh CSPRNG
    /// nonce when unset).
    pub nonce_str: Option<String>,
}

impl OrderDetail {
    /// Signs the hand-off.
    ///
    /// # Errors
    ///
    /// [`BuildError::Random`] if the operating system's RNG fails (no nonce given).
    pub fn sign(&self, signer: &Signer) -> Result<OrderDetailParams, BuildError> {
        let (timestamp, nonce_str) =
            timestamp_and_nonce(self.timestamp, self.nonce_str.as_deref())?;
        let mut params = OrderDetailParams {
            mch_id: signer.mch_id().to_owned(),
            service_id: self.service_id.clone(),
            out_order_no: self.out_order_no.as_str().to_owned(),
            timestamp,
            nonce_str,
            sign_type: SIGN_TYPE,
            sign: String::new(),
        };
        params.sign = signer.sign(&params.fields());
        Ok(params)
    }
}

/// The signed `extraData` of `wxpayScoreDetail`, in WeChat's field order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OrderDetailParams {
    /// 商户号 `mch_id` (partner mode: the service provider's).
    pub mch_id: String,
    /// 服务ID `service_id`.
    pub service_id: String,
    /// 商户服务订单号 `out_order_no`.
    pub out_order_no: String,
    /// 时间戳 `timestamp`, Unix seconds as a string.
    pub timestamp: String,
    /// 随机字符串 `nonce_str`.
    pub nonce_str: String,
    /// 签名方式 `sign_type`: `HMAC-SHA256`.
    pub sign_type: &'static str,
    /// 签名 `sign`: 64 upper-case hex digits.
    pub sign: String,
}

impl Sealed for OrderDetailParams {}

impl BusinessView for OrderDetailParams {
    const BUSINESS_TYPE: &'static str = "wxpayScoreDetail";

    fn fields(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("mch_id", &self.mch_id),
            ("service_id", &self.service_id),
            ("out_order_no", &self.out_order_no),
            ("timestamp", &self.timestamp),
            ("nonce_str", &self.nonce_str),
            ("sign_type", self.sign_type),
            ("sign", &self.sign),
        ]
    }
}
