//! Authenticating requests like WeChat Pay (protocol §2): the `Authorization` header, the
//! merchant and its certificate serial, the timestamp window, nonce replay, and the
//! RSA-SHA256 signature over the raw request target and raw body.

use std::collections::BTreeMap;

use base64::{Engine as _, engine::general_purpose::STANDARD};
use http::{HeaderMap, StatusCode, header};
use serde_json::json;
use wxpay_core::{AUTH_SCHEME, PublicKey, sign::request_message};

use crate::{
    error::ApiError,
    nonces::{NonceStore, Refused},
    util,
};

/// A merchant allowed to call the simulator.
#[derive(Clone, Debug)]
pub(crate) struct Merchant {
    /// The merchant certificate serial, normalised.
    pub(crate) serial: String,
    /// The merchant certificate's public key.
    pub(crate) key: PublicKey,
}

/// The parsed `Authorization` header.
#[derive(Debug, Default)]
struct Authorization<'a> {
    mchid: &'a str,
    nonce_str: &'a str,
    timestamp: &'a str,
    serial_no: &'a str,
    signature: &'a str,
}

fn malformed(issue: &str) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, "SIGN_ERROR", "Http头Authorization值格式错误")
        .with_detail(json!({
            "field": "authorization",
            "location": "header",
            "detail": { "issue": issue },
        }))
}

fn sign_error(message: &str, field: &str, issue: &str) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, "SIGN_ERROR", message).with_detail(json!({
        "field": field,
        "location": "authorization",
        "detail": { "issue": issue },
    }))
}

/// `WECHATPAY2-SHA256-RSA2048 k="v",k="v",…`: the scheme, one space, five pairs in any order,
/// separated by commas, each key once.
fn parse(value: &str) -> Result<Authorization<'_>, ApiError> {
    let rest =
        value.strip_prefix(AUTH_SCHEME).and_then(|r| r.strip_prefix(' ')).ok_or_else(|| {
            malformed("scheme must be `WECHATPAY2-SHA256-RSA2048 ` followed by the parameters")
        })?;
    let mut auth = Authorization::default();
    let mut seen = [false; 5];
    let mut rest = rest;
    loop {
        let eq = rest.find('=').ok_or_else(|| malformed("expected key=\"value\""))?;
        let key = &rest[..eq];
        let after = rest[eq + 1..]
            .strip_prefix('"')
            .ok_or_else(|| malformed("values must be in double quotes"))?;
        let end = after.find('"').ok_or_else(|| malformed("unterminated quoted value"))?;
        let value = &after[..end];
        let (slot, index) = match key {
            "mchid" => (&mut auth.mchid, 0),
            "nonce_str" => (&mut auth.nonce_str, 1),
            "timestamp" => (&mut auth.timestamp, 2),
            "serial_no" => (&mut auth.serial_no, 3),
            "signature" => (&mut auth.signature, 4),
            _ => return Err(malformed("unknown parameter")),
        };
        if std::mem::replace(&mut seen[index], true) {
            return Err(malformed("parameter repeated"));
        }
        *slot = value;
        rest = &after[end + 1..];
        if rest.is_empty() {
            break;
        }
        rest = rest
            .strip_prefix(',')
            .ok_or_else(|| malformed("parameters must be separated by `,`"))?;
    }
    if seen.iter().any(|s| !s) {
        return Err(malformed(
            "mchid, nonce_str, timestamp, serial_no and signature are all required",
        ));
    }
    Ok(auth)
}

/// The `sign_information` WeChat Pay adds to a `401 SIGN_ERROR` (protocol §2.3).
fn sign_information(method: &str, target: &str, message: &[u8]) -> serde_json::Value {
    // The head of the message: the four first lines and the start of the body.
    let text = String::from_utf8_lossy(message);
    let mut lines = text.splitn(5, '\n');
    let mut truncated = String::new();
    for _ in 0..4 {
        if let Some(line) = lines.next() {
            truncated.push_str(line);
            truncated.push('\n');
        }
    }
    if let Some(body) = lines.next() {
        truncated.extend(body.chars().take(8));
        truncated.push('\n');
    }
    json!({
        "method": method,
        "url": target,
        "sign_message_length": message.len(),
        "truncated_sign_message": truncated,
    })
}

/// What authentication checks need.
pub(crate) struct Checker<'a> {
    pub(crate) merchants: &'a BTreeMap<String, Merchant>,
    pub(crate) max_skew: i64,
}

impl Checker<'_> {
    /// Checks the headers and the signature; on success returns the merchant id. Records the
    /// nonce only once the signature is valid.
    pub(crate) fn check(
        &self,
        nonces: &NonceStore,
        method: &str,
        target: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<String, ApiError> {
        let present = |name| {
            headers.get(name).and_then(|v| v.to_str().ok()).is_some_and(|v| !v.trim().is_empty())
        };
        if !present(header::ACCEPT) || !present(header::USER_AGENT) {
            return Err(ApiError::invalid("Http头缺少Accept或User-Agent"));
        }
        let value = headers
            .get(header::AUTHORIZATION)
            .ok_or_else(|| malformed("header `Authorization` is missing"))?
            .to_str()
            .map_err(|_| malformed("header `Authorization` is not visible ASCII"))?;
        let auth = parse(value)?;
        let merchant = self
            .merchants
            .get(auth.mchid)
            .ok_or_else(|| sign_error("商户号不存在或未开通APIv3", "mchid", "unknown mchid"))?;
        if util::normalize_serial(auth.serial_no) != merchant.serial {
            return Err(sign_error(
                "商户证书序列号有误。请使用签名私钥匹配的证书序列号",
                "serial_no",
                "serial_no does not name the merchant certificate",
            ));
        }
        if auth.timestamp.is_empty()
            || auth.timestamp.len() > 12
            || !auth.timestamp.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(sign_error(
                "时间戳格式错误",
                "timestamp",
                "timestamp must be Unix seconds",
            ));
        }
        let timestamp: i64 = auth.timestamp.parse().unwrap_or(i64::MAX);
        let now = util::unix_now();
        if now.abs_diff(timestamp) > self.max_skew.unsigned_abs() {
            return Err(sign_error(
                "请求的时间戳已过期，请检查系统时间",
                "timestamp",
                "timestamp is too far from the server time",
            ));
        }
        if auth.nonce_str.is_empty()
            || auth.nonce_str.len() > 64
            || !auth.nonce_str.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(sign_error(
                "随机串格式错误",
                "nonce_str",
                "nonce_str must be 1 to 64 visible characters",
            ));
        }
        let message = request_message(method, target, timestamp, auth.nonce_str, body);
        let signature = STANDARD.decode(auth.signature).unwrap_or_default();
        if !merchant.key.verify(&message, &signature) {
            let mut error = sign_error("签名错误，请检查后再试", "signature", "sign not match");
            if let Some(detail) = error.detail.as_mut().and_then(|d| d.as_object_mut()) {
                detail.insert(
                    "sign_information".to_owned(),
                    sign_information(method, target, &message),
                );
            }
            return Err(error);
        }
        match nonces.insert(&format!("{}\n{}", auth.mchid, auth.nonce_str), timestamp, now) {
            Ok(()) => {}
            Err(Refused::Replay) => {
                return Err(sign_error(
                    "重复的随机串，请重新生成后再试",
                    "nonce_str",
                    "nonce_str was already used",
                ));
            }
            Err(Refused::Expired) => {
                return Err(sign_error(
                    "请求的时间戳已过期，请检查系统时间",
                    "timestamp",
                    "timestamp is older than the nonces the server still remembers",
                ));
            }
        }
        Ok(auth.mchid.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_any_order() {
        let auth = parse(r#"WECHATPAY2-SHA256-RSA2048 signature="s",mchid="1",serial_no="AB",timestamp="2",nonce_str="n""#)
            .expect("parse");
        assert_eq!((auth.mchid, auth.serial_no, auth.signature), ("1", "AB", "s"));
        for bad in [
            r#"WECHATPAY2-SHA256-RSA2048 mchid="1""#,
            r#"WECHATPAY2-SHA256-RSA2048  mchid="1",nonce_str="n",timestamp="2",serial_no="AB",signature="s""#,
            r#"WECHATPAY2-SHA256-RSA2048 mchid="1", nonce_str="n",timestamp="2",serial_no="AB",signature="s""#,
            r#"WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="1",timestamp="2",serial_no="AB",signature="s""#,
            r#"WECHATPAY-BRAND-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="2",serial_no="AB",signature="s""#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sign_information_truncates_the_body() {
        let info = sign_information("POST", "/v3/x", b"POST\n/v3/x\n1\nn\n{\"appid\":\"wx\"}\n");
        assert_eq!(info["truncated_sign_message"], "POST\n/v3/x\n1\nn\n{\"appid\"\n");
        assert_eq!(info["sign_message_length"], 30);
    }
}
