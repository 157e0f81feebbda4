//! Front-end hand-offs (protocol §9.6): the values a mini-program, an official-account
//! (JSAPI) page or an app passes to WeChat to open the PayScore mini-program.
//!
//! These are not HTTP APIs: the merchant's back end builds the value, the front end passes
//! it on unchanged. Every hand-off value implements [`BusinessView`], which gives three
//! forms, each a `Serialize` value whose JSON is exactly the argument the front end passes:
//!
//! | Form | Front-end call | JSON |
//! |---|---|---|
//! | [`MiniProgram`] | `wx.openBusinessView(…)` | `{"businessType": …, "extraData": {…}}` |
//! | [`Jsapi`] | `WeixinJSBridge.invoke('openBusinessView', …)` / `wx.invoke` | `{"businessType": …, "queryString": "k=v&…"}` |
//! | [`App`] | `WXOpenBusinessView.Req` / `WXOpenBusinessViewReq` | `{"businessType": …, "query": "k=v&…"}` |
//!
//! The hand-offs:
//!
//! - [`ConfirmOrder`] — `wxpayScoreUse`: the user confirms a 需确认 order, from the `package`
//!   of the create answer. **Signed.**
//! - [`OrderDetail`] — `wxpayScoreDetail`: the order details page, from `service_id` and
//!   `out_order_no`. **Signed.**
//! - [`EnableService`] — `wxpayScoreEnable`: the authorization page, from the
//!   `apply_permissions_token` of 商户预授权. Not signed.
//! - [`SignPlan`] — `wxpayScorePlan`: the sign-plan page, from the `package` of
//!   创建用户的签约计划. Not signed.
//!
//! The signed ones carry `mch_id`, `timestamp`, `nonce_str`, `sign_type` (`HMAC-SHA256`) and
//! `sign`: an APIv2 signature ([`wxpay_core::apiv2`]) made with the merchant's **APIv2 key**
//! — in partner mode the **service provider's** `mch_id` and APIv2 key — never the APIv3
//! key, never RSA. A [`Signer`] holds the two. The timestamp is the current time and the
//! nonce comes from the operating system's CSPRNG unless given (for reproducible tests).
//!
//! ```
//! use wxpay_core::ApiV2Key;
//! use wxpay_payscore::handoff::{BusinessView as _, ConfirmOrder, Signer};
//!
//! # fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let signer = Signer::new("1230000109", ApiV2Key::new("192006250b4c09247ec02edce69f6a2d")?);
//! let confirm = ConfirmOrder::builder().package("AAQTnZoAAAABAAAAAAA").build();
//! let mini = confirm.sign(&signer)?.mini_program();
//! let json = serde_json::to_value(&mini)?;
//! assert_eq!(json["businessType"], "wxpayScoreUse");
//! assert_eq!(json["extraData"]["sign_type"], "HMAC-SHA256");
//! assert_eq!(json["extraData"]["sign"].as_str().map(str::len), Some(64));
//! # Ok(()) }
//! # run().unwrap();
//! ```

mod confirm_order;
mod enable_service;
mod order_detail;
mod sign_plan;

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use wxpay_core::{ApiV2Key, BuildError, ConfigError, apiv2::HMAC_SHA256};

pub use confirm_order::{ConfirmOrder, ConfirmOrderParams};
pub use enable_service::EnableService;
pub use order_detail::{OrderDetail, OrderDetailParams};
pub use sign_plan::SignPlan;

/// The `mch_id` and APIv2 key the signed hand-offs are signed with: the merchant's, or in
/// partner mode the service provider's.
///
/// `Debug` shows the `mch_id` and redacts the key.
#[derive(Debug, Clone)]
pub struct Signer {
    mch_id: String,
    key: ApiV2Key,
}

impl Signer {
    /// A signer for merchant (or, in partner mode, service provider) `mch_id`.
    #[must_use]
    pub fn new(mch_id: impl Into<String>, key: ApiV2Key) -> Self {
        Self { mch_id: mch_id.into(), key }
    }

    /// Reads `WXPAY_MCHID` and `WXPAY_APIV2_KEY`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Env`] naming the variable that is unset or empty, or
    /// [`ConfigError::InvalidKey`] for a malformed key (never its value).
    pub fn from_env() -> Result<Self, ConfigError> {
        let mch_id = match std::env::var("WXPAY_MCHID") {
            Ok(v) if !v.trim().is_empty() => v.trim().to_owned(),
            Ok(_) | Err(std::env::VarError::NotPresent) => {
                return Err(ConfigError::Env { var: "WXPAY_MCHID", reason: "not set".into() });
            }
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(ConfigError::Env {
                    var: "WXPAY_MCHID",
                    reason: "not valid UTF-8".into(),
                });
            }
        };
        Ok(Self::new(mch_id, ApiV2Key::from_env()?))
    }

    /// The `mch_id` the hand-offs carry.
    #[must_use]
    pub fn mch_id(&self) -> &str {
        &self.mch_id
    }

    fn sign(&self, params: &[(&str, &str)]) -> String {
        self.key.sign_hmac_sha256(params)
    }
}

/// The argument of the mini-program's `wx.openBusinessView`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MiniProgram<E> {
    /// 跳转类型 `businessType`, e.g. `wxpayScoreUse`.
    #[serde(rename = "businessType")]
    pub business_type: &'static str,
    /// 业务参数 `extraData`.
    #[serde(rename = "extraData")]
    pub extra_data: E,
}

/// The argument of `WeixinJSBridge.invoke('openBusinessView', …)` (or `wx.invoke` with
/// JS-SDK) in an official-account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Jsapi {
    /// 跳转类型 `businessType`.
    #[serde(rename = "businessType")]
    pub business_type: &'static str,
    /// 业务参数 `queryString`: `k=v&…`, values URL-encoded.
    #[serde(rename = "queryString")]
    pub query_string: String,
}

/// The fields of the app SDK's `WXOpenBusinessView.Req` (Android) /
/// `WXOpenBusinessViewReq` (iOS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct App {
    /// 跳转类型 `businessType`.
    #[serde(rename = "businessType")]
    pub business_type: &'static str,
    /// 业务参数 `query`: `k=v&…`, values URL-encoded.
    pub query: String,
    /// 其他配置 `extInfo` (optional), JSON such as `{"miniProgramType": 0}` (0: 正式版).
    #[serde(rename = "extInfo", skip_serializing_if = "Option::is_none")]
    pub ext_info: Option<String>,
}

/// A hand-off value: its `businessType` and its parameters, in the order WeChat documents
/// them. Gives the three front-end forms.
///
/// Implemented by the signed parameter sets ([`ConfirmOrderParams`], [`OrderDetailParams`])
/// and by the unsigned hand-offs ([`EnableService`], [`SignPlan`]). Sealed.
pub trait BusinessView: Serialize + Clone + sealed::Sealed {
    /// 跳转类型 `businessType`, e.g. `wxpayScoreUse`.
    const BUSINESS_TYPE: &'static str;

    /// The parameters as name/value pairs, in WeChat's documented order.
    fn fields(&self) -> Vec<(&'static str, &str)>;

    /// The mini-program form: `wx.openBusinessView({businessType, extraData})`.
    fn mini_program(&self) -> MiniProgram<Self> {
        MiniProgram { business_type: Self::BUSINESS_TYPE, extra_data: self.clone() }
    }

    /// The JSAPI form: `openBusinessView` with `{businessType, queryString}`.
    fn jsapi(&self) -> Jsapi {
        Jsapi { business_type: Self::BUSINESS_TYPE, query_string: self.query() }
    }

    /// The app form: `WXOpenBusinessView` with `businessType` and `query` (`extInfo` unset).
    fn app(&self) -> App {
        App { business_type: Self::BUSINESS_TYPE, query: self.query(), ext_info: None }
    }

    /// The parameters as a query string, `k=v&…` with every value URL-encoded.
    fn query(&self) -> String {
        let mut out = String::new();
        for (i, (name, value)) in self.fields().into_iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(name);
            out.push('=');
            url_encode_into(&mut out, value);
        }
        out
    }
}

mod sealed {
    pub trait Sealed {}
}

/// Percent-encodes everything but the unreserved characters of RFC 3986.
fn url_encode_into(out: &mut String, value: &str) {
    use std::fmt::Write as _;

    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            // Writing to a `String` cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// `timestamp` and `nonce_str` of a signed hand-off: the given ones, or now and a fresh
/// CSPRNG nonce.
fn timestamp_and_nonce(
    timestamp: Option<i64>,
    nonce_str: Option<&str>,
) -> Result<(String, String), BuildError> {
    let timestamp = timestamp.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    });
    let nonce = match nonce_str {
        Some(nonce) => nonce.to_owned(),
        None => wxpay_core::sign::nonce().map_err(BuildError::Random)?,
    };
    Ok((timestamp.to_string(), nonce))
}

/// The `sign_type` every signed hand-off carries.
const SIGN_TYPE: &str = HMAC_SHA256;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn signer_debug_redacts_the_key() {
        let key = "192006250b4c09247ec02edce69f6a2d";
        let signer = Signer::new("1230000109", ApiV2Key::new(key).unwrap());
        let debug = format!("{signer:?}");
        assert!(debug.contains("1230000109"), "{debug}");
        assert!(!debug.contains(key), "{debug}");
        assert_eq!(signer.mch_id(), "1230000109");
    }

    #[test]
    fn url_encoding_keeps_only_unreserved_characters() {
        let mut out = String::new();
        url_encode_into(&mut out, "aZ09-_.~ +/=&%中");
        assert_eq!(out, "aZ09-_.~%20%2B%2F%3D%26%25%E4%B8%AD");
    }

    #[test]
    fn fresh_timestamp_and_nonce() {
        let (t1, n1) = timestamp_and_nonce(None, None).unwrap();
        let (_, n2) = timestamp_and_nonce(None, None).unwrap();
        assert!(t1.parse::<i64>().unwrap() > 1_700_000_000, "{t1}");
        assert_eq!(n1.len(), 32);
        assert_ne!(n1, n2);
        assert_eq!(
            timestamp_and_nonce(Some(1_530_097_563), Some("N")).unwrap(),
            ("1530097563".to_owned(), "N".to_owned())
        );
    }
}
