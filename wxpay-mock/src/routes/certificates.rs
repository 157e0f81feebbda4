//! `GET /v3/certificates` (protocol §4): the platform certificates, encrypted with the
//! APIv3 key; `404 RESOURCE_NOT_EXISTS` in public-key mode.

use http::Method;

use super::{Ctx, Reply, Route};
use crate::{KeyMode, error::ApiError};

/// The path of the download (not an `#[endpoint]` struct: the client calls it itself).
const TEMPLATE: &str = "v3/certificates";

pub(super) fn routes() -> Vec<Route> {
    vec![Route::raw(Method::GET, TEMPLATE, download)]
}

fn download(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    if ctx.shared.config.mode == KeyMode::PublicKey {
        return Err(ApiError::resource_not_exists(
            "商户已切换为微信支付公钥验签，无可用的平台证书",
        ));
    }
    let algorithm = ctx.raw.get("algorithm_type").and_then(|v| v.as_str()).unwrap_or("RSA");
    match algorithm {
        "RSA" | "ALL" => {
            Ok(Reply::Json(ctx.shared.signer().certificate_list(&ctx.shared.api_v3_key)))
        }
        "SM2" => Ok(Reply::Json(serde_json::json!({ "data": [] }))),
        _ => Err(ApiError::param("algorithm_type 取值非法", "algorithm_type", "query")),
    }
}
