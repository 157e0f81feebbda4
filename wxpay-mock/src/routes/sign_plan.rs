//! Users' sign plans (签约计划, `v3/payscore/sign-plan/...user-sign-plans`), direct and
//! partner: create on a `NORMAL` plan of the same merchant and service (answering the sign
//! plan `UNSIGNED` with the `package` of the signing page), query, and the merchant's stop
//! (`SIGN_PLAN_CANCEL`, `cancel_sign_type` `MERCHANT`, no notification: WeChat notifies the
//! user's own cancellations only). The user's signing and cancelling are control actions.

use serde_json::json;
use wxpay_payscore::sign_plan::{
    CreateUserSignPlan, QueryUserSignPlan, SignPlanDetail, StopUserSignPlan,
    partner::{CreatePartnerUserSignPlan, QueryPartnerUserSignPlan, StopPartnerUserSignPlan},
};

use super::{Ctx, Reply, Route, check_notify_url, checks::validated, plan::find_plan};
use crate::{
    error::ApiError,
    state::{
        Owner,
        plan::{NORMAL, Plan},
        sign_plan::{SignPlan, SignState, SignedItem},
    },
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreateUserSignPlan>(create_direct),
        Route::endpoint::<QueryUserSignPlan>(query_direct),
        Route::endpoint::<StopUserSignPlan>(stop_direct),
        Route::endpoint::<CreatePartnerUserSignPlan>(create_partner),
        Route::endpoint::<QueryPartnerUserSignPlan>(query_partner),
        Route::endpoint::<StopPartnerUserSignPlan>(stop_partner),
    ]
}

/// What a create request carries (both forms).
struct NewSignPlan<'a> {
    service_id: &'a str,
    plan_id: &'a str,
    appid: &'a str,
    sub_appid: Option<&'a str>,
    openid: Option<&'a str>,
    sub_openid: Option<&'a str>,
    merchant_sign_plan_no: &'a str,
    notify_url: &'a str,
    details: &'a [SignPlanDetail],
}

fn create_direct(ctx: &Ctx<'_>, req: &CreateUserSignPlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    create(
        ctx,
        Owner::direct(ctx.mchid),
        &NewSignPlan {
            service_id: &req.service_id,
            plan_id: &req.plan_id,
            appid: &req.appid,
            sub_appid: None,
            openid: Some(&req.openid),
            sub_openid: None,
            merchant_sign_plan_no: &req.merchant_sign_plan_no,
            notify_url: &req.notify_url,
            details: &req.sign_plan_detail,
        },
    )
}

fn create_partner(ctx: &Ctx<'_>, req: &CreatePartnerUserSignPlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    match (&req.openid, &req.sub_openid) {
        (None, None) => {
            return Err(ApiError::param("openid与sub_openid必须填写其中一个", "/openid", "body"));
        }
        (Some(_), Some(_)) => {
            return Err(ApiError::param("openid与sub_openid只能填写一个", "/sub_openid", "body"));
        }
        (None, Some(_)) if req.sub_appid.is_none() => {
            return Err(ApiError::param("传入sub_openid时sub_appid必填", "/sub_appid", "body"));
        }
        _ => {}
    }
    create(
        ctx,
        Owner::partner(ctx.mchid, &req.sub_mchid),
        &NewSignPlan {
            service_id: &req.service_id,
            plan_id: &req.plan_id,
            appid: &req.appid,
            sub_appid: req.sub_appid.as_deref(),
            openid: req.openid.as_deref(),
            sub_openid: req.sub_openid.as_deref(),
            merchant_sign_plan_no: &req.merchant_sign_plan_no,
            notify_url: &req.notify_url,
            details: &req.sign_plan_detail,
        },
    )
}

/// The items of the sign plan: one per plan item, numbered as the plan's, each with a
/// distinct merchant number.
fn items(plan: &Plan, details: &[SignPlanDetail]) -> Result<Vec<SignedItem>, ApiError> {
    let refuse = |message: &str| ApiError::param(message, "/sign_plan_detail", "body");
    if details.len() != plan.items.len() {
        return Err(refuse("签约计划详情数量必须与支付分计划明细数量一致"));
    }
    let mut items = Vec::with_capacity(details.len());
    for item in &plan.items {
        let mut given = details.iter().filter(|d| d.plan_detail_no == item.plan_detail_no);
        let (Some(detail), None) = (given.next(), given.next()) else {
            return Err(refuse("签约计划详情序号必须与支付分计划明细序号一一对应"));
        };
        let no = &detail.merchant_plan_detail_no;
        if details.iter().filter(|d| d.merchant_plan_detail_no == *no).count() > 1 {
            return Err(refuse("商户侧计划明细使用订单号不能重复"));
        }
        items.push(SignedItem {
            item: item.clone(),
            merchant_plan_detail_no: no.clone(),
            state: "NOT_USED",
            order_id: None,
            use_time: None,
            complete_time: None,
            cancel_time: None,
        });
    }
    Ok(items)
}

/// Creates a sign plan; the same parameters again answer it as it is now, different ones
/// with the same `merchant_sign_plan_no` are refused.
fn create(ctx: &Ctx<'_>, owner: Owner, new: &NewSignPlan<'_>) -> Result<Reply, ApiError> {
    check_notify_url(ctx.shared, new.notify_url, "/notify_url")?;
    let key = (owner.clone(), new.merchant_sign_plan_no.to_owned());
    let mut state = ctx.shared.state();
    if let Some(existing) = state.sign_plans.get(&key) {
        if existing.request != *ctx.raw {
            return Err(ApiError::invalid("商户签约计划单号已存在，请勿使用不同参数重复创建"));
        }
        return Ok(created(existing));
    }
    let plan = find_plan(&state, &owner, new.plan_id)
        .ok_or_else(|| ApiError::invalid("支付分计划不存在"))?;
    if plan.service_id != new.service_id {
        return Err(ApiError::invalid("支付分服务ID与支付分计划所属服务不一致"));
    }
    if plan.state() != NORMAL {
        return Err(ApiError::invalid("支付分计划已停止，无法签约"));
    }
    let items = items(&plan, new.details)?;
    let sign_plan = SignPlan {
        owner,
        sign_plan_id: state.next_plan_id(),
        service_id: plan.service_id.clone(),
        appid: new.appid.to_owned(),
        sub_appid: new.sub_appid.map(str::to_owned),
        openid: new.openid.map(str::to_owned),
        sub_openid: new.sub_openid.map(str::to_owned),
        merchant_sign_plan_no: new.merchant_sign_plan_no.to_owned(),
        notify_url: new.notify_url.to_owned(),
        plan_id: plan.plan_id.clone(),
        plan_name: plan.plan_name.clone(),
        plan_duration: plan.plan_duration,
        deduction_quantity: plan.deduction_quantity,
        total_origin_price: plan.total_original_price,
        total_actual_price: plan.total_actual_price,
        items,
        going_detail_no: 0,
        state: SignState::Unsigned,
        created_at: util::unix_now(),
        sign_time: None,
        cancellation: None,
        package: format!("SIGNPLAN_{}", util::random_alnum(32)),
        request: ctx.raw.clone(),
    };
    let stored = state
        .sign_plans
        .insert(key, sign_plan)
        .ok_or_else(|| ApiError::system("签约计划存储已满"))?;
    Ok(created(stored))
}

fn created(sign_plan: &SignPlan) -> Reply {
    Reply::Json(json!({ "sign_plan": sign_plan.to_json(), "package": sign_plan.package }))
}

/// `404 RESOURCE_NOT_EXISTS` for a sign plan this merchant did not create.
fn unknown() -> ApiError {
    ApiError::resource_not_exists("签约计划不存在")
}

fn query_direct(ctx: &Ctx<'_>, req: &QueryUserSignPlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "query")?;
    query(ctx, Owner::direct(ctx.mchid), &req.merchant_sign_plan_no)
}

fn query_partner(ctx: &Ctx<'_>, req: &QueryPartnerUserSignPlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "query")?;
    query(ctx, Owner::partner(ctx.mchid, &req.sub_mchid), &req.merchant_sign_plan_no)
}

fn query(ctx: &Ctx<'_>, owner: Owner, no: &str) -> Result<Reply, ApiError> {
    let mut state = ctx.shared.state();
    let key = (owner, no.to_owned());
    state.settle_sign_plan(&key);
    let sign_plan = state.sign_plans.get(&key).ok_or_else(unknown)?;
    Ok(Reply::Json(sign_plan.to_json()))
}

fn stop_direct(ctx: &Ctx<'_>, req: &StopUserSignPlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    stop(ctx, Owner::direct(ctx.mchid), &req.merchant_sign_plan_no, &req.stop_reason)
}

fn stop_partner(ctx: &Ctx<'_>, req: &StopPartnerUserSignPlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    stop(ctx, owner, &req.merchant_sign_plan_no, &req.stop_reason)
}

/// The merchant stops the sign plan (signed or not yet): `SIGN_PLAN_CANCEL`.
fn stop(ctx: &Ctx<'_>, owner: Owner, no: &str, reason: &str) -> Result<Reply, ApiError> {
    if reason.chars().count() > 50 {
        return Err(ApiError::param("stop_reason长度不能超过50个字符", "/stop_reason", "body"));
    }
    let mut state = ctx.shared.state();
    let key = (owner, no.to_owned());
    state.settle_sign_plan(&key);
    let sign_plan = state.sign_plans.get_mut(&key).ok_or_else(unknown)?;
    sign_plan
        .cancel("MERCHANT", Some(reason.to_owned()), util::unix_now())
        .map_err(|_| ApiError::invalid("签约计划已取消，不能重复取消"))?;
    Ok(Reply::Json(sign_plan.to_json()))
}
