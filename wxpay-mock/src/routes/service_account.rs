//! Service-account applications (收付通子商户绑定支付分服务, partner): create answers the
//! application `PROCESSING`; query reads it by `out_apply_no`. A control action approves or
//! rejects it and sends `PAYSCORE.BIND_SERVICE_ACCOUNT` to its `result_notify_url`.
//!
//! `out_apply_no` is unique per service provider: the same parameters again answer the
//! application as it is now; different ones with the same number are refused.

use wxpay_payscore::partner::service_account_applications::{
    CreateServiceAccountApplication, QueryServiceAccountApplication,
};

use super::{Ctx, Reply, Route, check_notify_url, checks::validated};
use crate::{
    error::ApiError,
    state::service_account::{Application, PROCESSING},
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreateServiceAccountApplication>(create),
        Route::endpoint::<QueryServiceAccountApplication>(query),
    ]
}

/// `out_apply_no`: at most 32 characters, digits, letters, `_` and `-` (WeChat's rule).
fn check_apply_no(no: &str) -> Result<(), ApiError> {
    let valid = no.len() <= 32 && no.chars().all(|c| c.is_ascii_alphanumeric() || "_-".contains(c));
    if valid {
        Ok(())
    } else {
        Err(ApiError::param(
            "out_apply_no要求32个字符内，只能是数字、大小写字母_-",
            "/out_apply_no",
            "body",
        ))
    }
}

fn create(ctx: &Ctx<'_>, req: &CreateServiceAccountApplication) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    check_apply_no(&req.out_apply_no)?;
    if let Some(url) = &req.result_notify_url {
        check_notify_url(ctx.shared, url, "/result_notify_url")?;
    }
    let key = (ctx.mchid.to_owned(), req.out_apply_no.clone());
    let mut state = ctx.shared.state();
    if let Some(existing) = state.service_accounts.get(&key) {
        if existing.request != *ctx.raw {
            return Err(ApiError::invalid("商户申请绑定单号已存在，请勿使用不同参数重复提交"));
        }
        return Ok(Reply::Json(existing.to_json()));
    }
    let application = Application {
        mchid: ctx.mchid.to_owned(),
        sub_mchid: req.sub_mchid.clone(),
        service_id: req.service_id.clone(),
        appid: req.appid.clone(),
        sub_appid: req.sub_appid.clone(),
        out_apply_no: req.out_apply_no.clone(),
        result_notify_url: req.result_notify_url.clone(),
        apply_state: PROCESSING,
        reject_reason: None,
        request: ctx.raw.clone(),
    };
    let stored = state
        .service_accounts
        .insert(key, application)
        .ok_or_else(|| ApiError::system("申请单存储已满"))?;
    Ok(Reply::Json(stored.to_json()))
}

fn query(ctx: &Ctx<'_>, req: &QueryServiceAccountApplication) -> Result<Reply, ApiError> {
    validated(req.validate(), "query")?;
    let state = ctx.shared.state();
    let application = state
        .service_accounts
        .get(&(ctx.mchid.to_owned(), req.out_apply_no.clone()))
        .ok_or_else(|| ApiError::resource_not_exists("申请单不存在"))?;
    Ok(Reply::Json(application.to_json()))
}
