//! PayScore plans (支付分计划, `v3/payscore/plan/...`), direct and partner: create (items
//! numbered from 1, the documented checks), query by `merchant_plan_no`, stop
//! (`NORMAL` → `STOP`; stopping again is refused). Plans are the merchant's (the
//! sub-merchant's in partner mode): another merchant's number is unknown.

use wxpay_payscore::plan::{
    CreatePayScorePlan, PlanDetail, QueryPayScorePlan, StopPayScorePlan,
    partner::{CreatePartnerPayScorePlan, QueryPartnerPayScorePlan, StopPartnerPayScorePlan},
};

use super::{Ctx, Reply, Route, checks::validated};
use crate::{
    error::ApiError,
    state::{
        Owner,
        plan::{Plan, check_items},
    },
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreatePayScorePlan>(create_direct),
        Route::endpoint::<QueryPayScorePlan>(query_direct),
        Route::endpoint::<StopPayScorePlan>(stop_direct),
        Route::endpoint::<CreatePartnerPayScorePlan>(create_partner),
        Route::endpoint::<QueryPartnerPayScorePlan>(query_partner),
        Route::endpoint::<StopPartnerPayScorePlan>(stop_partner),
    ]
}

/// What a create request carries (both forms).
struct NewPlan<'a> {
    service_id: &'a str,
    appid: &'a str,
    sub_appid: Option<&'a str>,
    plan_name: &'a str,
    plan_duration: u32,
    deduction_quantity: u32,
    totals: (u64, u64),
    details: &'a [PlanDetail],
    merchant_plan_no: &'a str,
}

fn create_direct(ctx: &Ctx<'_>, req: &CreatePayScorePlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    create(
        ctx,
        Owner::direct(ctx.mchid),
        &NewPlan {
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: None,
            plan_name: &req.plan_name,
            plan_duration: req.plan_duration,
            deduction_quantity: req.deduction_quantity,
            totals: (req.total_original_price.as_fen(), req.total_actual_price.as_fen()),
            details: &req.plan_detail_list,
            merchant_plan_no: &req.merchant_plan_no,
        },
    )
}

fn create_partner(ctx: &Ctx<'_>, req: &CreatePartnerPayScorePlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    create(
        ctx,
        Owner::partner(ctx.mchid, &req.sub_mchid),
        &NewPlan {
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: req.sub_appid.as_deref(),
            plan_name: &req.plan_name,
            plan_duration: req.plan_duration,
            deduction_quantity: req.deduction_quantity,
            totals: (req.total_original_price.as_fen(), req.total_actual_price.as_fen()),
            details: &req.plan_detail_list,
            merchant_plan_no: &req.merchant_plan_no,
        },
    )
}

/// Creates a plan; the same parameters again answer the plan as it is now, different ones
/// with the same `merchant_plan_no` are refused.
fn create(ctx: &Ctx<'_>, owner: Owner, new: &NewPlan<'_>) -> Result<Reply, ApiError> {
    let details: Vec<(String, u64, Option<String>, u64)> = new
        .details
        .iter()
        .map(|d| {
            (
                d.plan_detail_name.clone(),
                d.original_price.as_fen(),
                d.plan_discount_description.clone(),
                d.actual_price.as_fen(),
            )
        })
        .collect();
    let items =
        check_items(new.plan_name, new.plan_duration, new.deduction_quantity, new.totals, &details)
            .map_err(|r| ApiError::param(r.message, &r.field, "body"))?;
    let key = (owner.clone(), new.merchant_plan_no.to_owned());
    let mut state = ctx.shared.state();
    if let Some(existing) = state.plans.get(&key) {
        if existing.request != *ctx.raw {
            return Err(ApiError::invalid("商户侧计划号已存在，请勿使用不同参数重复创建"));
        }
        return Ok(Reply::Json(existing.to_json()));
    }
    let plan = Plan {
        owner,
        plan_id: state.next_plan_id(),
        service_id: new.service_id.to_owned(),
        appid: new.appid.to_owned(),
        sub_appid: new.sub_appid.map(str::to_owned),
        merchant_plan_no: new.merchant_plan_no.to_owned(),
        plan_name: new.plan_name.to_owned(),
        plan_duration: new.plan_duration,
        deduction_quantity: new.deduction_quantity,
        total_original_price: new.totals.0,
        total_actual_price: new.totals.1,
        items,
        stopped: None,
        request: ctx.raw.clone(),
    };
    let stored = state.plans.insert(key, plan).ok_or_else(|| ApiError::system("计划存储已满"))?;
    Ok(Reply::Json(stored.to_json()))
}

/// `404 RESOURCE_NOT_EXISTS` for a plan this merchant did not create.
fn unknown_plan() -> ApiError {
    ApiError::resource_not_exists("支付分计划不存在")
}

fn query_direct(ctx: &Ctx<'_>, req: &QueryPayScorePlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "query")?;
    query(ctx, Owner::direct(ctx.mchid), &req.merchant_plan_no)
}

fn query_partner(ctx: &Ctx<'_>, req: &QueryPartnerPayScorePlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "query")?;
    query(ctx, Owner::partner(ctx.mchid, &req.sub_mchid), &req.merchant_plan_no)
}

fn query(ctx: &Ctx<'_>, owner: Owner, merchant_plan_no: &str) -> Result<Reply, ApiError> {
    let state = ctx.shared.state();
    let plan = state.plans.get(&(owner, merchant_plan_no.to_owned())).ok_or_else(unknown_plan)?;
    Ok(Reply::Json(plan.to_json()))
}

fn stop_direct(ctx: &Ctx<'_>, req: &StopPayScorePlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    stop(ctx, Owner::direct(ctx.mchid), &req.merchant_plan_no)
}

fn stop_partner(ctx: &Ctx<'_>, req: &StopPartnerPayScorePlan) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    stop(ctx, Owner::partner(ctx.mchid, &req.sub_mchid), &req.merchant_plan_no)
}

/// `NORMAL` → `STOP`, answering the stopped plan; a stopped plan cannot be stopped again.
/// Sign plans already signed go on; new ones are refused.
fn stop(ctx: &Ctx<'_>, owner: Owner, merchant_plan_no: &str) -> Result<Reply, ApiError> {
    let mchid = ctx.mchid.to_owned();
    let mut state = ctx.shared.state();
    let plan =
        state.plans.get_mut(&(owner, merchant_plan_no.to_owned())).ok_or_else(unknown_plan)?;
    if plan.stopped.is_some() {
        return Err(ApiError::invalid("支付分计划已停止，不能重复停止"));
    }
    plan.stopped = Some((mchid, util::unix_now()));
    Ok(Reply::Json(plan.to_json()))
}

/// The plan `plan_id` of `owner`, for a sign plan.
pub(super) fn find_plan(state: &crate::state::State, owner: &Owner, plan_id: &str) -> Option<Plan> {
    state.plans.values().find(|p| p.owner == *owner && p.plan_id == plan_id).cloned()
}
