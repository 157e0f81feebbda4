//! The service order of a sign plan's item (`v3/payscore/sign-plan/serviceorder`, direct and
//! partner): only on a `SIGNED` sign plan of the same merchant and service, items in order
//! (`plan_detail_no` is the one after `going_detail_no`), one item in service at a time, and
//! `out_trade_no` equal to the item's `merchant_plan_detail_no`. The order (numbered
//! `out_trade_no`) is one of the ordinary machine, confirmed already (the user confirmed the
//! whole plan by signing it: `DOING`/`USER_CONFIRM`), priced at the item's `actual_price`;
//! complete, query, cancel and the charge go through the ordinary endpoints and control
//! actions. Paid, the item is `USED`; cancelled, `SIGN_PLAN_DETAIL_CANCEL`; either way the
//! next item may then be ordered.

use serde_json::Value;
use wxpay_payscore::{
    Amount, Location, Payment, RiskFund, RiskFundName, StartTime, TimeRange,
    sign_plan::{CreateSignPlanServiceOrder, partner::CreatePartnerSignPlanServiceOrder},
};

use super::{
    Ctx, Reply, Route,
    checks::validated,
    service_order::{NewOrder, create_order, new_order},
};
use crate::{
    error::ApiError,
    state::{CREATE_KEYS, Order, Owner, Phase, plan::PlanItem, sign_plan::SignState},
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreateSignPlanServiceOrder>(create_direct),
        Route::endpoint::<CreatePartnerSignPlanServiceOrder>(create_partner),
    ]
}

/// What a create request carries (both forms).
struct ItemOrder<'a> {
    service_id: &'a str,
    sign_plan_id: &'a str,
    plan_detail_no: u32,
    appid: &'a str,
    sub_appid: Option<&'a str>,
    openid: Option<&'a str>,
    sub_openid: Option<&'a str>,
    notify_url: &'a str,
    service_introduction: &'a str,
    time_range: &'a TimeRange,
    location: Option<&'a Location>,
    attach: Option<&'a str>,
    out_trade_no: &'a str,
}

fn create_direct(ctx: &Ctx<'_>, req: &CreateSignPlanServiceOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    create(
        ctx,
        &Owner::direct(ctx.mchid),
        &ItemOrder {
            service_id: &req.service_id,
            sign_plan_id: &req.sign_plan_id,
            plan_detail_no: req.plan_detail_no,
            appid: &req.appid,
            sub_appid: None,
            openid: Some(&req.openid),
            sub_openid: None,
            notify_url: &req.notify_url,
            service_introduction: &req.service_introduction,
            time_range: &req.time_range,
            location: req.location.as_ref(),
            attach: req.attach.as_deref(),
            out_trade_no: &req.out_trade_no,
        },
    )
}

fn create_partner(
    ctx: &Ctx<'_>,
    req: &CreatePartnerSignPlanServiceOrder,
) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    create(
        ctx,
        &Owner::partner(ctx.mchid, &req.sub_mchid),
        &ItemOrder {
            service_id: &req.service_id,
            sign_plan_id: &req.sign_plan_id,
            plan_detail_no: req.plan_detail_no,
            appid: &req.appid,
            sub_appid: req.sub_appid.as_deref(),
            openid: req.openid.as_deref(),
            sub_openid: req.sub_openid.as_deref(),
            notify_url: &req.notify_url,
            service_introduction: &req.service_introduction,
            time_range: &req.time_range,
            location: req.location.as_ref(),
            attach: req.attach.as_deref(),
            out_trade_no: &req.out_trade_no,
        },
    )
}

fn create(ctx: &Ctx<'_>, owner: &Owner, req: &ItemOrder<'_>) -> Result<Reply, ApiError> {
    // The same request again (原参重入) answers the order as it is.
    if let Some(order) = ctx.shared.state().order(owner, req.out_trade_no) {
        if order.create_request == *ctx.raw {
            return Ok(Reply::Json(answer(order)));
        }
        return Err(ApiError::invalid("商户侧订单号已被使用，请勿使用相同单号以不同参数创建订单"));
    }
    let (key, item) = plan_item(ctx, owner, req)?;
    let payment = Payment::builder()
        .name(item.plan_detail_name.clone())
        .amount(Amount::fen(item.actual_price))
        .maybe_description(item.plan_discount_description.clone())
        .build();
    let risk_fund = RiskFund::builder()
        .name(RiskFundName::EstimateOrderCost)
        .amount(Amount::fen(item.actual_price))
        .build();
    let time_range: TimeRange<StartTime> = req.time_range.clone().into();
    let order = new_order(
        ctx,
        owner.clone(),
        &NewOrder {
            out_order_no: req.out_trade_no,
            service_id: req.service_id,
            appid: req.appid,
            sub_appid: req.sub_appid,
            service_introduction: req.service_introduction,
            post_payments: &[payment],
            post_discounts: &[],
            risk_fund: Some(&risk_fund),
            time_range: &time_range,
            location: req.location,
            attach: req.attach,
            notify_url: req.notify_url,
            openid: req.openid,
            sub_openid: req.sub_openid,
        },
    );
    let created = create_order(ctx, order, None)?;
    let mut state = ctx.shared.state();
    let now = util::unix_now();
    let order = state
        .order_mut(owner, &created.out_order_no)
        .ok_or_else(|| ApiError::system("订单创建后丢失"))?;
    // The user confirmed the whole plan when signing it.
    order.phase = Phase::UserConfirm;
    order.confirmed_at = Some(now);
    order.package = None;
    let order = order.clone();
    if let Some(plan) = state.sign_plans.get_mut(&key) {
        plan.use_item(req.plan_detail_no, &order.order_id, now);
    }
    Ok(Reply::Json(answer(&order)))
}

/// The sign plan's key and the item to serve, after WeChat's rules.
fn plan_item(
    ctx: &Ctx<'_>,
    owner: &Owner,
    req: &ItemOrder<'_>,
) -> Result<((Owner, String), PlanItem), ApiError> {
    let mut state = ctx.shared.state();
    let key = state
        .sign_plans
        .iter()
        .find(|(key, plan)| key.0 == *owner && plan.sign_plan_id == req.sign_plan_id)
        .map(|(key, _)| key.clone())
        .ok_or_else(|| ApiError::resource_not_exists("签约计划不存在"))?;
    state.settle_sign_plan(&key);
    let plan = state.sign_plans.get(&key).ok_or_else(|| ApiError::system("签约计划丢失"))?;
    if plan.service_id != req.service_id {
        return Err(ApiError::invalid("service_id与签约计划所属的服务不一致"));
    }
    if plan.state != SignState::Signed {
        return Err(ApiError::invalid("用户尚未签约该计划，或签约计划已取消"));
    }
    if plan.items.iter().any(|item| item.state == "USING") {
        return Err(ApiError::invalid(
            "该签约计划已有服务中的订单，请先取消，或完结并等待支付成功后再创建",
        ));
    }
    let item = plan
        .items
        .iter()
        .find(|item| item.item.plan_detail_no == req.plan_detail_no)
        .ok_or_else(|| {
            ApiError::param("plan_detail_no不是该签约计划的计划详情序号", "/plan_detail_no", "body")
        })?;
    if req.plan_detail_no != plan.going_detail_no.saturating_add(1) || item.state != "NOT_USED" {
        return Err(ApiError::invalid("请按签约计划详情的序号依次创建服务订单，不允许跳序号"));
    }
    if item.merchant_plan_detail_no != req.out_trade_no {
        return Err(ApiError::param(
            "out_trade_no须与创建签约计划时该计划详情的商户侧计划明细使用订单号一致",
            "/out_trade_no",
            "body",
        ));
    }
    Ok((key, item.item.clone()))
}

/// The create answer: the order as other creates answer it (without `package`: the user
/// confirmed already), its risk fund as an amount only, as WeChat's page lists it.
fn answer(order: &Order) -> Value {
    let mut view = order.view(CREATE_KEYS);
    if let Some(fund) = view.get_mut("risk_fund").and_then(Value::as_object_mut) {
        fund.retain(|key, _| key == "amount");
    }
    view
}
