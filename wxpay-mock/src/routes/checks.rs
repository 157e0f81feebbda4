//! Helpers of the newer PayScore families: the requests' own `validate()` answered in
//! WeChat's words, and routes whose direct and partner forms share one path (told apart by
//! `sub_mchid`, as WeChat does).

use serde::de::DeserializeOwned;
use wxpay_core::Endpoint;
use wxpay_payscore::ValidationError;

use super::{Ctx, Input, Reply, Route, decode, four_byte_error, segments};
use crate::error::ApiError;

/// `field` of a [`ValidationError`] (`fees[0].fee_name`) as a JSON pointer
/// (`/fees/0/fee_name`).
fn pointer(field: &str) -> String {
    let mut out = String::with_capacity(field.len() + 1);
    for part in field.split('.') {
        let mut rest = part;
        let name_end = rest.find('[').unwrap_or(rest.len());
        out.push('/');
        out.push_str(&rest[..name_end]);
        rest = &rest[name_end..];
        while let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']').unwrap_or(inner.len());
            out.push('/');
            out.push_str(&inner[..close]);
            rest = inner.get(close + 1..).unwrap_or("");
        }
    }
    out
}

/// WeChat's `400 PARAM_ERROR` for what the request's `validate()` found; `location` is
/// `body` or `query`.
pub(crate) fn invalid(err: &ValidationError, location: &str) -> ApiError {
    let field = |f: &str| if location == "body" { pointer(f) } else { f.to_owned() };
    let source = |f: &str| {
        if location == "body" { format!("/body{}", pointer(f)) } else { format!("/query/{f}") }
    };
    match err {
        ValidationError::Missing { field: f } => ApiError::param(
            format!(
                "输入源“{}”映射到字段“{}”必填性规则校验失败，此字段为必填项",
                source(f),
                field(f)
            ),
            &field(f),
            location,
        ),
        ValidationError::TooLong { field: f, max, .. } => ApiError::param(
            format!(
                "输入源“{}”映射到字段“{}”长度规则校验失败，长度不能超过{max}个字符",
                source(f),
                field(f)
            ),
            &field(f),
            location,
        ),
        ValidationError::UnsupportedCharacter { field: f, .. } => {
            four_byte_error(&field(f), location)
        }
        ValidationError::TooManyItems { field: f, max, .. } => ApiError::param(
            format!(
                "输入源“{}”映射到字段“{}”数组长度规则校验失败，最多{max}项",
                source(f),
                field(f)
            ),
            &field(f),
            location,
        ),
        ValidationError::CountOutOfRange { field: f, .. } => ApiError::param(
            format!("输入源“{}”映射到字段“{}”取值规则校验失败", source(f), field(f)),
            &field(f),
            location,
        ),
        ValidationError::TotalAmountMismatch { .. } => {
            ApiError::param("最终总金额计算非法", "/total_amount", location)
        }
        ValidationError::AmountIncreased { previous, new } => ApiError::param(
            format!("修改后的订单金额{}不能大于原订单金额{}", new.as_fen(), previous.as_fen()),
            "/total_amount",
            location,
        ),
        _ => ApiError::param("参数校验失败", "/", location),
    }
}

/// Runs a request's `validate()`, answering its error as WeChat does.
pub(crate) fn validated(
    result: Result<(), ValidationError>,
    location: &str,
) -> Result<(), ApiError> {
    result.map_err(|e| invalid(&e, location))
}

type Handler<E> = fn(&Ctx<'_>, &E) -> Result<Reply, ApiError>;

impl Route {
    /// One path served by two endpoint structs: `P` (partner) when the request carries
    /// `sub_mchid`, `D` (direct) otherwise. Both must declare the same method and path.
    pub(crate) fn by_sub_mchid<D, P>(direct: Handler<D>, partner: Handler<P>) -> Self
    where
        D: Endpoint + DeserializeOwned + 'static,
        P: Endpoint + DeserializeOwned + 'static,
    {
        debug_assert_eq!(D::PATH_TEMPLATE, P::PATH_TEMPLATE);
        Self {
            method: D::METHOD.into(),
            template: D::PATH_TEMPLATE,
            segments: segments(D::PATH_TEMPLATE),
            call: Box::new(move |ctx: &Ctx<'_>, input: Input| {
                if ctx.raw.get("sub_mchid").is_some() {
                    partner(ctx, &decode::<P>(input)?)
                } else {
                    direct(ctx, &decode::<D>(input)?)
                }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_and_words() {
        assert_eq!(pointer("fees[0].fee_name"), "/fees/0/fee_name");
        assert_eq!(pointer("parking_info.device_id"), "/parking_info/device_id");
        assert_eq!(pointer("a[1][2]"), "/a/1/2");
        let err = invalid(&ValidationError::Missing { field: "notify_url".into() }, "body");
        assert_eq!(err.code, "PARAM_ERROR");
        assert_eq!(err.detail.expect("detail")["field"], "/notify_url");
        assert!(err.message.contains("必填性规则校验失败"), "{}", err.message);
    }
}
