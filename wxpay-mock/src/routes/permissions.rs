//! User authorization (授权 / 预授权, protocol §9.4), direct and partner, the legacy
//! user-service-state endpoints, risk assessment and the partner suggested quotas.

use serde_json::{Value, json};
use wxpay_payscore::{
    partner::{
        permissions::{
            ApplyPartnerPermissionsForScene, AssessPartnerUserRiskLevel, PartnerUserLookup,
            PreAuthorizePartnerPermissions, QueryPartnerPermissionsByAuthorizationCode,
            QueryPartnerPermissionsByOpenid, TerminatePartnerPermissionsByAuthorizationCode,
            TerminatePartnerPermissionsByOpenid, UserIdentity,
        },
        service_quotas::QueryPartnerServiceQuotas,
    },
    permissions::{
        AssessUserRiskLevel, PreAuthorizePermissions, QueryPermissionsByAuthorizationCode,
        QueryPermissionsByOpenid, TerminatePermissionsByAuthorizationCode,
        TerminatePermissionsByOpenid, UserLookup,
    },
    user_service_state::QueryUserServiceState,
    users::TerminateUserPermissions,
};

use super::{Ctx, Reply, Route, check_reason};
use crate::{
    error::ApiError,
    state::{Authorization, Owner},
    util,
};

/// The risk level and version reported for users never assessed otherwise.
const DEFAULT_RISK: (u32, u32) = (1, 1);

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<PreAuthorizePermissions>(pre_authorize),
        Route::endpoint::<QueryPermissionsByAuthorizationCode>(query_by_code),
        Route::endpoint::<TerminatePermissionsByAuthorizationCode>(terminate_by_code),
        Route::endpoint::<QueryPermissionsByOpenid>(query_by_openid),
        Route::endpoint::<TerminatePermissionsByOpenid>(terminate_by_openid),
        Route::endpoint::<AssessUserRiskLevel>(assess),
        Route::endpoint::<QueryUserServiceState>(user_service_state),
        Route::endpoint::<TerminateUserPermissions>(terminate_user_permissions),
        Route::endpoint::<PreAuthorizePartnerPermissions>(partner_pre_authorize),
        Route::endpoint::<ApplyPartnerPermissionsForScene>(partner_apply_for_scene),
        Route::endpoint::<QueryPartnerPermissionsByAuthorizationCode>(partner_query_by_code),
        Route::endpoint::<TerminatePartnerPermissionsByAuthorizationCode>(
            partner_terminate_by_code,
        ),
        Route::endpoint::<QueryPartnerPermissionsByOpenid>(partner_search),
        Route::endpoint::<TerminatePartnerPermissionsByOpenid>(partner_terminate),
        Route::endpoint::<AssessPartnerUserRiskLevel>(partner_assess),
        Route::endpoint::<QueryPartnerServiceQuotas>(partner_quotas),
    ]
}

/// Who a record is looked up by.
enum Who<'a> {
    Code(&'a str),
    Openid(&'a str),
    SubOpenid(&'a str),
}

fn matches(
    a: &Authorization,
    owner: &Owner,
    service_id: &str,
    appid: Option<&str>,
    who: &Who<'_>,
) -> bool {
    a.owner == *owner
        && a.service_id == service_id
        && appid.is_none_or(|id| a.appid == id)
        && match who {
            Who::Code(code) => a.authorization_code.as_deref() == Some(*code),
            Who::Openid(openid) => a.openid.as_deref() == Some(*openid),
            Who::SubOpenid(openid) => a.sub_openid.as_deref() == Some(*openid),
        }
}

/// What a pre-authorization creates.
struct PreAuth<'a> {
    owner: Owner,
    service_id: &'a str,
    appid: &'a str,
    sub_appid: Option<&'a str>,
    authorization_code: &'a str,
    notify_url: Option<&'a str>,
}

/// Records a pre-authorization (`UNAVAILABLE` until the user opens the service) and returns
/// its token; the same parameters again return the same token.
fn record_pre_authorization(ctx: &Ctx<'_>, pre: &PreAuth<'_>) -> Result<String, ApiError> {
    if pre.authorization_code.is_empty() || pre.authorization_code.chars().count() > 64 {
        return Err(ApiError::param(
            "authorization_code长度必须为1到64个字符",
            "/authorization_code",
            "body",
        ));
    }
    if let Some(url) = pre.notify_url {
        super::check_notify_url(ctx.shared, url, "/notify_url")?;
    }
    let mut state = ctx.shared.state();
    let who = Who::Code(pre.authorization_code);
    if let Some(existing) =
        state.authorizations.iter().find(|a| matches(a, &pre.owner, pre.service_id, None, &who))
    {
        if existing.request.as_ref() == Some(ctx.raw) && !existing.available {
            return Ok(existing.token.clone());
        }
        return Err(ApiError::invalid("该授权协议号已被使用，请更换authorization_code"));
    }
    let token = format!("{}_{}", pre.owner.mchid, util::random_alnum(40));
    state.authorizations.push(Authorization {
        owner: pre.owner.clone(),
        service_id: pre.service_id.to_owned(),
        appid: pre.appid.to_owned(),
        sub_appid: pre.sub_appid.map(str::to_owned),
        authorization_code: Some(pre.authorization_code.to_owned()),
        openid: None,
        sub_openid: None,
        available: false,
        notify_url: pre.notify_url.map(str::to_owned),
        token: token.clone(),
        request: Some(ctx.raw.clone()),
        success_time: None,
        cancel_time: None,
    });
    Ok(token)
}

/// The record of `who`, with the assessed risk level when known.
fn record_json(
    ctx: &Ctx<'_>,
    owner: &Owner,
    service_id: &str,
    appid: Option<&str>,
    who: &Who<'_>,
    with_risk: bool,
) -> Result<Value, ApiError> {
    let state = ctx.shared.state();
    let found =
        state.authorizations.iter().rev().find(|a| matches(a, owner, service_id, appid, who));
    let risk = |openid: Option<&String>| {
        with_risk
            .then(|| openid.and_then(|o| state.risk_levels.get(o).copied()).unwrap_or(DEFAULT_RISK))
    };
    match (found, who) {
        (Some(record), _) => {
            Ok(record.to_json(risk(record.openid.as_ref().or(record.sub_openid.as_ref()))))
        }
        (None, Who::Code(_)) => Err(ApiError::resource_not_exists("授权记录不存在")),
        // A user who never authorized: not an error, just UNAVAILABLE.
        (None, Who::Openid(openid) | Who::SubOpenid(openid)) => {
            let record = Authorization {
                owner: owner.clone(),
                service_id: service_id.to_owned(),
                appid: appid.unwrap_or_default().to_owned(),
                sub_appid: None,
                authorization_code: None,
                openid: matches!(who, Who::Openid(_)).then(|| (*openid).to_owned()),
                sub_openid: matches!(who, Who::SubOpenid(_)).then(|| (*openid).to_owned()),
                available: false,
                notify_url: None,
                token: String::new(),
                request: None,
                success_time: None,
                cancel_time: None,
            };
            let key = (*openid).to_owned();
            Ok(record.to_json(risk(Some(&key))))
        }
    }
}

/// Terminates an available authorization (`AVAILABLE` → `UNAVAILABLE`).
fn terminate(
    ctx: &Ctx<'_>,
    owner: &Owner,
    service_id: &str,
    appid: Option<&str>,
    who: &Who<'_>,
    reason: &str,
) -> Result<Reply, ApiError> {
    check_reason(reason)?;
    let mut state = ctx.shared.state();
    let record = state
        .authorizations
        .iter_mut()
        .rev()
        .find(|a| matches(a, owner, service_id, appid, who))
        .ok_or_else(|| match who {
            Who::Code(_) => ApiError::resource_not_exists("授权记录不存在"),
            _ => ApiError::invalid("用户未授权该服务，无需解除授权"),
        })?;
    if !record.available {
        return Err(ApiError::invalid("用户未授权该服务或已解除授权"));
    }
    record.available = false;
    record.cancel_time = Some(util::unix_now());
    Ok(Reply::NoContent)
}

// ---------------------------------------------------------------------------------------
// Direct merchant.

fn pre_authorize(ctx: &Ctx<'_>, req: &PreAuthorizePermissions) -> Result<Reply, ApiError> {
    let token = record_pre_authorization(
        ctx,
        &PreAuth {
            owner: Owner::direct(ctx.mchid),
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: None,
            authorization_code: &req.authorization_code,
            notify_url: req.notify_url.as_deref(),
        },
    )?;
    Ok(Reply::Json(json!({ "apply_permissions_token": token })))
}

fn query_by_code(
    ctx: &Ctx<'_>,
    req: &QueryPermissionsByAuthorizationCode,
) -> Result<Reply, ApiError> {
    let owner = Owner::direct(ctx.mchid);
    record_json(ctx, &owner, &req.service_id, None, &Who::Code(&req.authorization_code), false)
        .map(Reply::Json)
}

fn terminate_by_code(
    ctx: &Ctx<'_>,
    req: &TerminatePermissionsByAuthorizationCode,
) -> Result<Reply, ApiError> {
    let owner = Owner::direct(ctx.mchid);
    terminate(ctx, &owner, &req.service_id, None, &Who::Code(&req.authorization_code), &req.reason)
}

fn query_by_openid(ctx: &Ctx<'_>, req: &QueryPermissionsByOpenid) -> Result<Reply, ApiError> {
    let owner = Owner::direct(ctx.mchid);
    record_json(ctx, &owner, &req.service_id, Some(&req.appid), &Who::Openid(&req.openid), false)
        .map(Reply::Json)
}

fn terminate_by_openid(
    ctx: &Ctx<'_>,
    req: &TerminatePermissionsByOpenid,
) -> Result<Reply, ApiError> {
    let owner = Owner::direct(ctx.mchid);
    terminate(
        ctx,
        &owner,
        &req.service_id,
        Some(&req.appid),
        &Who::Openid(&req.openid),
        &req.reason,
    )
}

fn assess(ctx: &Ctx<'_>, req: &AssessUserRiskLevel) -> Result<Reply, ApiError> {
    let owner = Owner::direct(ctx.mchid);
    let who = match &req.user {
        UserLookup::AuthorizationCode(code) => Who::Code(code),
        UserLookup::Openid(openid) => Who::Openid(openid),
    };
    record_json(ctx, &owner, &req.service_id, Some(&req.appid), &who, true).map(Reply::Json)
}

#[allow(clippy::unnecessary_wraps, reason = "every route handler has the same signature")]
fn user_service_state(ctx: &Ctx<'_>, req: &QueryUserServiceState) -> Result<Reply, ApiError> {
    let owner = Owner::direct(ctx.mchid);
    let available = ctx.shared.state().authorizations.iter().any(|a| {
        a.available
            && matches(a, &owner, &req.service_id, Some(&req.appid), &Who::Openid(&req.openid))
    });
    Ok(Reply::Json(json!({
        "appid": req.appid,
        "service_id": req.service_id,
        "openid": req.openid,
        "use_service_state": if available { "AVAILABLE" } else { "UNAVAILABLE" },
    })))
}

fn terminate_user_permissions(
    ctx: &Ctx<'_>,
    req: &TerminateUserPermissions,
) -> Result<Reply, ApiError> {
    let owner = Owner::direct(ctx.mchid);
    terminate(
        ctx,
        &owner,
        &req.service_id,
        Some(&req.appid),
        &Who::Openid(&req.openid),
        &req.reason,
    )
}

// ---------------------------------------------------------------------------------------
// Partner.

fn partner_pre_authorize(
    ctx: &Ctx<'_>,
    req: &PreAuthorizePartnerPermissions,
) -> Result<Reply, ApiError> {
    let token = record_pre_authorization(
        ctx,
        &PreAuth {
            owner: Owner::partner(ctx.mchid, &req.sub_mchid),
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: req.sub_appid.as_deref(),
            authorization_code: &req.authorization_code,
            notify_url: req.notify_url.as_deref(),
        },
    )?;
    Ok(Reply::Json(json!({ "apply_permissions_token": token })))
}

fn partner_apply_for_scene(
    ctx: &Ctx<'_>,
    req: &ApplyPartnerPermissionsForScene,
) -> Result<Reply, ApiError> {
    if req.scene.as_str() != "TRANSACTION" {
        return Err(ApiError::param("scene取值非法，仅支持TRANSACTION", "/scene", "body"));
    }
    let Some(info) = &req.transaction_scene_info else {
        return Err(ApiError::param(
            "scene为TRANSACTION时transaction_scene_info必填",
            "/transaction_scene_info",
            "body",
        ));
    };
    if info.mchid != ctx.mchid || info.sub_mchid != req.sub_mchid {
        return Err(ApiError::invalid("transaction_scene_info中的商户号与请求商户不一致"));
    }
    let token = record_pre_authorization(
        ctx,
        &PreAuth {
            owner: Owner::partner(ctx.mchid, &req.sub_mchid),
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: req.sub_appid.as_deref(),
            authorization_code: &req.authorization_code,
            notify_url: req.notify_url.as_deref(),
        },
    )?;
    Ok(Reply::Json(json!({ "scene": req.scene.as_str(), "transaction_permissions_token": token })))
}

fn partner_query_by_code(
    ctx: &Ctx<'_>,
    req: &QueryPartnerPermissionsByAuthorizationCode,
) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    record_json(ctx, &owner, &req.service_id, None, &Who::Code(&req.authorization_code), false)
        .map(Reply::Json)
}

fn partner_terminate_by_code(
    ctx: &Ctx<'_>,
    req: &TerminatePartnerPermissionsByAuthorizationCode,
) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    terminate(ctx, &owner, &req.service_id, None, &Who::Code(&req.authorization_code), &req.reason)
}

fn identity(user: &UserIdentity) -> Who<'_> {
    match user {
        UserIdentity::Openid(openid) => Who::Openid(openid),
        UserIdentity::SubOpenid(openid) => Who::SubOpenid(openid),
    }
}

fn partner_search(ctx: &Ctx<'_>, req: &QueryPartnerPermissionsByOpenid) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    record_json(ctx, &owner, &req.service_id, Some(&req.appid), &identity(&req.user), false)
        .map(Reply::Json)
}

fn partner_terminate(
    ctx: &Ctx<'_>,
    req: &TerminatePartnerPermissionsByOpenid,
) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    terminate(ctx, &owner, &req.service_id, Some(&req.appid), &identity(&req.user), &req.reason)
}

fn partner_assess(ctx: &Ctx<'_>, req: &AssessPartnerUserRiskLevel) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    let who = match &req.user {
        PartnerUserLookup::AuthorizationCode(code) => Who::Code(code),
        PartnerUserLookup::Openid(openid) => Who::Openid(openid),
        PartnerUserLookup::SubOpenid(openid) => Who::SubOpenid(openid),
    };
    record_json(ctx, &owner, &req.service_id, Some(&req.appid), &who, true).map(Reply::Json)
}

/// Suggested 先享 quota per risk level: the better the tier (lower level), the higher.
#[allow(clippy::unnecessary_wraps, reason = "every route handler has the same signature")]
fn partner_quotas(ctx: &Ctx<'_>, req: &QueryPartnerServiceQuotas) -> Result<Reply, ApiError> {
    let quotas: Vec<Value> = [(1, 50_000), (2, 30_000), (3, 10_000), (4, 0)]
        .into_iter()
        .map(|(risk_level, quota): (u32, u64)| json!({ "risk_level": risk_level, "suggested_quota": quota }))
        .collect();
    let mut body = json!({
        "service_id": req.service_id,
        "mchid": ctx.mchid,
        "sub_mchid": req.sub_mchid,
        "appid": req.appid,
        "risk_level_version": req.risk_level_version,
        "quotas": quotas,
    });
    if let (Some(sub_appid), Some(map)) = (&req.sub_appid, body.as_object_mut()) {
        map.insert("sub_appid".to_owned(), json!(sub_appid));
    }
    Ok(Reply::Json(body))
}
