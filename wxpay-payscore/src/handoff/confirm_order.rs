//! `wxpayScoreUse`: the user confirms a 需确认 order.

use serde::Serialize;
use wxpay_core::BuildError;

use super::{BusinessView, SIGN_TYPE, Signer, sealed::Sealed, timestamp_and_nonce};

/// 调起支付分-确认订单 (`businessType` `wxpayScoreUse`): opens the confirm page of an order
/// created with `need_user_confirm: true`, from the `package` of the create answer.
///
/// Signed with the APIv2 key over `mch_id`, `package`, `timestamp`, `nonce_str` and
/// `sign_type` (partner mode: the service provider's `mch_id` and key). Call
/// [`sign`](Self::sign), then [`BusinessView::mini_program`], [`BusinessView::jsapi`] or
/// [`BusinessView::app`].
///
/// WeChat: <https://pay.weixin.qq.com/doc/v3/merchant/4012587949> (小程序调起支付分-确认订单);
/// the same page exists for JSAPI and App, direct and partner
/// (<https://pay.weixin.qq.com/docs/partner/apis/partner-weixin-pay-score/miniprogram-open-confirm.html>).
#[derive(Debug, Clone, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ConfirmOrder {
    /// 跳转参数 `package`: the `package` of the create-order answer (创建支付分订单).
    pub package: String,
    /// 时间戳 `timestamp`, Unix seconds (optional: now when unset).
    pub timestamp: Option<i64>,
    /// 随机字符串 `nonce_str`, at most 32 letters and digits (optional: a fresh CSPRNG
    /// nonce when unset).
    pub nonce_str: Option<String>,
}

impl ConfirmOrder {
    /// Signs the hand-off.
    ///
    /// # Errors
    ///
    /// [`BuildError::Random`] if the operating system's RNG fails (no nonce given).
    pub fn sign(&self, signer: &Signer) -> Result<ConfirmOrderParams, BuildError> {
        let (timestamp, nonce_str) =
            timestamp_and_nonce(self.timestamp, self.nonce_str.as_deref())?;
        let mut params = ConfirmOrderParams {
            mch_id: signer.mch_id().to_owned(),
            package: self.package.clone(),
            timestamp,
            nonce_str,
            sign_type: SIGN_TYPE,
            sign: String::new(),
        };
        params.sign = signer.sign(&params.fields());
        Ok(params)
    }
}

/// The signed `extraData` of `wxpayScoreUse`, in WeChat's field order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ConfirmOrderParams {
    /// 商户号 `mch_id` (partner mode: the service provider's).
    pub mch_id: String,
    /// 跳转参数 `package`.
    pub package: String,
    /// 时间戳 `timestamp`, Unix seconds as a string.
    pub timestamp: String,
    /// 随机字符串 `nonce_str`.
    pub nonce_str: String,
    /// 签名方式 `sign_type`: `HMAC-SHA256`.
    pub sign_type: &'static str,
    /// 签名 `sign`: 64 upper-case hex digits.
    pub sign: String,
}

impl Sealed for ConfirmOrderParams {}

impl BusinessView for ConfirmOrderParams {
    const BUSINESS_TYPE: &'static str = "wxpayScoreUse";

    fn fields(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("mch_id", &self.mch_id),
            ("package", &self.package),
            ("timestamp", &self.timestamp),
            ("nonce_str", &self.nonce_str),
            ("sign_type", self.sign_type),
            ("sign", &self.sign),
        ]
    }
}
