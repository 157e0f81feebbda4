//! Service orders, direct-merchant mode (`/v3/payscore/serviceorder/...`), and the order
//! operations shared with partner mode (protocol §9.1–§9.3).

use serde::Serialize;
use serde_json::{Value, json};
use wxpay_payscore::{
    Amount, Discount, Location, Payment, RiskFund, ServiceTime, StartTime, SyncDetail, SyncType,
    TimeRange,
    service_order::{
        CancelServiceOrder, CompleteServiceOrder, CreateServiceOrder, DirectCompleteServiceOrder,
        ModifyServiceOrder, OrderLookup, PayServiceOrder, QueryServiceOrder,
        SendServiceOrderPendingMessage, SendServiceOrderPrepaidMessage, SyncServiceOrder,
    },
};

use super::{Ctx, Reply, Route, check_notify_url, check_reason, check_total};
use crate::{
    error::ApiError,
    state::{
        COMPLETE_KEYS, CREATE_KEYS, Collection, DIRECT_COMPLETE_KEYS, ORDER_KEYS, Order, Owner,
        Phase, SHORT_KEYS, settle,
    },
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreateServiceOrder>(create),
        Route::endpoint::<QueryServiceOrder>(query),
        Route::endpoint::<CancelServiceOrder>(cancel),
        Route::endpoint::<CompleteServiceOrder>(complete),
        Route::endpoint::<ModifyServiceOrder>(modify),
        Route::endpoint::<PayServiceOrder>(pay),
        Route::endpoint::<SyncServiceOrder>(sync),
        Route::endpoint::<SendServiceOrderPendingMessage>(send_pending_message),
        Route::endpoint::<SendServiceOrderPrepaidMessage>(send_prepaid_message),
        Route::endpoint::<DirectCompleteServiceOrder>(direct_complete),
    ]
}

// ---------------------------------------------------------------------------------------
// Direct-merchant handlers.

fn create(ctx: &Ctx<'_>, req: &CreateServiceOrder) -> Result<Reply, ApiError> {
    let order = new_order(
        ctx,
        Owner::direct(ctx.mchid),
        &NewOrder {
            out_order_no: req.out_order_no.as_str(),
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: None,
            service_introduction: &req.service_introduction,
            post_payments: &req.post_payments,
            post_discounts: &req.post_discounts,
            risk_fund: Some(&req.risk_fund),
            time_range: &req.time_range,
            location: req.location.as_ref(),
            attach: req.attach.as_deref(),
            notify_url: &req.notify_url,
            openid: req.openid.as_deref(),
            sub_openid: None,
        },
    );
    let order = create_order(ctx, order, req.need_user_confirm)?;
    Ok(Reply::Json(order.view(CREATE_KEYS)))
}

fn query(ctx: &Ctx<'_>, req: &QueryServiceOrder) -> Result<Reply, ApiError> {
    let owner = Owner::direct(ctx.mchid);
    let order = lookup(ctx, &owner, &req.lookup, Some(&req.service_id), Some(&req.appid))?;
    Ok(Reply::Json(order.view(ORDER_KEYS)))
}

fn cancel(ctx: &Ctx<'_>, req: &CancelServiceOrder) -> Result<Reply, ApiError> {
    let order = cancel_order(
        ctx,
        &Owner::direct(ctx.mchid),
        req.out_order_no.as_str(),
        req.service_id.as_ref(),
        Some(&req.appid),
        &req.reason,
    )?;
    Ok(Reply::Json(order.view(SHORT_KEYS)))
}

fn complete(ctx: &Ctx<'_>, req: &CompleteServiceOrder) -> Result<Reply, ApiError> {
    let order = complete_order(
        ctx,
        &Owner::direct(ctx.mchid),
        req.out_order_no.as_str(),
        Some(&req.service_id),
        Some(&req.appid),
        &Completion {
            post_payments: &req.post_payments,
            post_discounts: &req.post_discounts,
            total_amount: req.total_amount,
            time_range: req.time_range.as_ref(),
            location: req.location.as_ref(),
        },
    )?;
    Ok(Reply::Json(order.view(COMPLETE_KEYS)))
}

fn modify(ctx: &Ctx<'_>, req: &ModifyServiceOrder) -> Result<Reply, ApiError> {
    let order = modify_order(
        ctx,
        &Owner::direct(ctx.mchid),
        req.out_order_no.as_str(),
        Some(&req.service_id),
        Some(&req.appid),
        (&req.post_payments, &req.post_discounts, req.total_amount),
        &req.reason,
    )?;
    Ok(Reply::Json(order.view(ORDER_KEYS)))
}

fn pay(ctx: &Ctx<'_>, req: &PayServiceOrder) -> Result<Reply, ApiError> {
    let order = request_payment(
        ctx,
        &Owner::direct(ctx.mchid),
        req.out_order_no.as_str(),
        req.service_id.as_ref(),
        req.appid.as_ref(),
    )?;
    Ok(Reply::Json(order.view(SHORT_KEYS)))
}

fn sync(ctx: &Ctx<'_>, req: &SyncServiceOrder) -> Result<Reply, ApiError> {
    let order = sync_order(
        ctx,
        &Owner::direct(ctx.mchid),
        req.out_order_no.as_str(),
        Some(&req.service_id),
        Some(&req.appid),
        &req.r#type,
        &req.detail,
    )?;
    Ok(Reply::Json(order.view(ORDER_KEYS)))
}

fn send_pending_message(
    ctx: &Ctx<'_>,
    req: &SendServiceOrderPendingMessage,
) -> Result<Reply, ApiError> {
    send_message(
        ctx,
        &Owner::direct(ctx.mchid),
        req.out_order_no.as_str(),
        &req.service_id,
        (&req.post_payments, &req.post_discounts, req.total_amount),
    )
}

fn send_prepaid_message(
    ctx: &Ctx<'_>,
    req: &SendServiceOrderPrepaidMessage,
) -> Result<Reply, ApiError> {
    send_message(
        ctx,
        &Owner::direct(ctx.mchid),
        req.out_order_no.as_str(),
        &req.service_id,
        (&req.post_payments, &req.post_discounts, req.total_amount),
    )
}

fn direct_complete(ctx: &Ctx<'_>, req: &DirectCompleteServiceOrder) -> Result<Reply, ApiError> {
    let time_range: TimeRange<StartTime> = req.time_range.clone().into();
    let order = new_order(
        ctx,
        Owner::direct(ctx.mchid),
        &NewOrder {
            out_order_no: req.out_order_no.as_str(),
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: None,
            service_introduction: &req.service_introduction,
            post_payments: &req.post_payments,
            post_discounts: &req.post_discounts,
            risk_fund: None,
            time_range: &time_range,
            location: req.location.as_ref(),
            attach: req.attach.as_deref(),
            notify_url: &req.notify_url,
            openid: req.openid.as_deref(),
            sub_openid: None,
        },
    );
    let order = create_completed(
        ctx,
        order,
        &req.post_payments,
        &req.post_discounts,
        req.total_amount,
        &req.time_range,
    )?;
    Ok(Reply::Json(order.view(DIRECT_COMPLETE_KEYS)))
}

// ---------------------------------------------------------------------------------------
// Shared by both modes.

/// A value as JSON (the wire shape of the request's own model types).
pub(super) fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// What creating an order needs.
pub(super) struct NewOrder<'a> {
    pub(super) out_order_no: &'a str,
    pub(super) service_id: &'a str,
    pub(super) appid: &'a str,
    pub(super) sub_appid: Option<&'a str>,
    pub(super) service_introduction: &'a str,
    pub(super) post_payments: &'a [Payment],
    pub(super) post_discounts: &'a [Discount],
    pub(super) risk_fund: Option<&'a RiskFund>,
    pub(super) time_range: &'a TimeRange<StartTime>,
    pub(super) location: Option<&'a Location>,
    pub(super) attach: Option<&'a str>,
    pub(super) notify_url: &'a str,
    pub(super) openid: Option<&'a str>,
    pub(super) sub_openid: Option<&'a str>,
}

/// The order a create request describes (state `CREATED`, not stored yet).
pub(super) fn new_order(ctx: &Ctx<'_>, owner: Owner, new: &NewOrder<'_>) -> Order {
    let order_id = ctx.shared.state().next_order_id();
    Order {
        owner,
        out_order_no: new.out_order_no.to_owned(),
        service_id: new.service_id.to_owned(),
        appid: new.appid.to_owned(),
        sub_appid: new.sub_appid.map(str::to_owned),
        service_introduction: new.service_introduction.to_owned(),
        phase: Phase::Created,
        post_payments: to_json(&new.post_payments),
        post_discounts: to_json(&new.post_discounts),
        risk_fund: new.risk_fund.map_or(Value::Null, to_json),
        total_amount: None,
        need_collection: None,
        collection: None,
        time_range: to_json(new.time_range),
        location: new.location.map(to_json),
        attach: new.attach.map(str::to_owned),
        notify_url: new.notify_url.to_owned(),
        openid: new.openid.map(str::to_owned),
        sub_openid: new.sub_openid.map(str::to_owned),
        package: None,
        order_id,
        query_id: None,
        create_request: ctx.raw.clone(),
        cancel_reason: None,
        complete_request: None,
        confirmed_at: None,
    }
}

/// Checks common to create and direct-complete.
fn check_new(ctx: &Ctx<'_>, order: &Order) -> Result<(), ApiError> {
    let len = order.service_introduction.chars().count();
    if len == 0 || len > 20 {
        return Err(ApiError::param(
            "service_introduction长度必须为1到20个字符",
            "/service_introduction",
            "body",
        ));
    }
    check_notify_url(ctx.shared, &order.notify_url, "/notify_url")?;
    if let Some(name) = order.risk_fund.get("name").and_then(Value::as_str)
        && !matches!(name, "DEPOSIT" | "ADVANCE" | "CASH_DEPOSIT" | "ESTIMATE_ORDER_COST")
    {
        return Err(ApiError::param(
            format!("risk_fund.name取值非法：{name}"),
            "/risk_fund/name",
            "body",
        ));
    }
    if order.time_range.get("start_time").is_none() {
        return Err(ApiError::param(
            "输入源“/body/time_range/start_time”映射到字段“start_time”必填性规则校验失败，此字段为必填项",
            "/time_range/start_time",
            "body",
        ));
    }
    Ok(())
}

/// The user of an order created without confirmation must have authorized the service.
fn check_authorized(ctx: &Ctx<'_>, order: &Order) -> Result<(), ApiError> {
    let user = order.openid.as_deref().or(order.sub_openid.as_deref());
    let Some(user) = user else {
        return Err(ApiError::param(
            "免确认订单必须传入用户标识openid",
            if order.owner.sub_mchid.is_some() { "/sub_openid" } else { "/openid" },
            "body",
        ));
    };
    if ctx.shared.config.require_authorization
        && !ctx.shared.state().is_authorized(&order.owner, &order.service_id, user)
    {
        return Err(ApiError::invalid("用户未授权该服务或已解除授权，请引导用户授权后再试"));
    }
    Ok(())
}

/// Creates an order: `CREATED` (needs the user's confirmation) or, with
/// `need_user_confirm: false`, `DOING`/`USER_CONFIRM`. Repeating the same parameters
/// answers like the first call.
pub(super) fn create_order(
    ctx: &Ctx<'_>,
    mut order: Order,
    need_user_confirm: Option<bool>,
) -> Result<Order, ApiError> {
    check_new(ctx, &order)?;
    if need_user_confirm == Some(false) {
        check_authorized(ctx, &order)?;
        order.phase = Phase::UserConfirm;
        order.confirmed_at = Some(util::unix_now());
    } else {
        order.package = Some(format!("DJIOSQPYWDxsjdldeuwhdodwxasd_{}", util::random_alnum(24)));
    }
    let mut state = ctx.shared.state();
    state.insert_order(order).cloned()
}

/// Creates an order already completed (direct-complete).
pub(super) fn create_completed(
    ctx: &Ctx<'_>,
    mut order: Order,
    payments: &[Payment],
    discounts: &[Discount],
    total: Amount,
    time_range: &TimeRange,
) -> Result<Order, ApiError> {
    check_new(ctx, &order)?;
    check_payments(payments, discounts)?;
    let total = check_total(payments, discounts, total)?;
    check_authorized(ctx, &order)?;
    if time_range.end_time.is_none() {
        return Err(ApiError::param(
            "创建订单未填写服务结束时间，则结束时间必填",
            "/time_range/end_time",
            "body",
        ));
    }
    check_times(time_range.start_time.as_ref().map(util::unix_of), time_range.end_time.as_ref())?;
    order.confirmed_at = Some(util::unix_now());
    set_completed(&mut order, total);
    let mut state = ctx.shared.state();
    state.insert_order(order).cloned()
}

/// Finds an order and checks the identifiers the request repeats.
fn checked<'s>(
    state: &'s mut crate::state::State,
    owner: &Owner,
    out_order_no: &str,
    service_id: Option<&String>,
    appid: Option<&String>,
) -> Result<&'s mut Order, ApiError> {
    let order = state.order_mut(owner, out_order_no).ok_or_else(ApiError::order_not_exist)?;
    if service_id.is_some_and(|s| *s != order.service_id)
        || appid.is_some_and(|a| *a != order.appid)
    {
        return Err(ApiError::order_not_exist());
    }
    Ok(order)
}

/// Query by `out_order_no` or `query_id`.
pub(super) fn lookup(
    ctx: &Ctx<'_>,
    owner: &Owner,
    lookup: &OrderLookup,
    service_id: Option<&String>,
    appid: Option<&String>,
) -> Result<Order, ApiError> {
    // Exactly one of the two (WeChat: "out_order_no与query_id必须填写其中一个，且不能同时填写").
    let given = ["out_order_no", "query_id"].map(|k| ctx.raw.get(k).is_some());
    if given == [true, true] {
        return Err(ApiError::param(
            "out_order_no与query_id不能同时填写，请只填写其中一个",
            "query_id",
            "query",
        ));
    }
    let state = ctx.shared.state();
    let order = match lookup {
        OrderLookup::OutOrderNo(no) => state.order(owner, no.as_str()),
        OrderLookup::QueryId(id) => state.order_by_query_id(owner, id),
    }
    .ok_or_else(ApiError::order_not_exist)?;
    if service_id.is_some_and(|s| *s != order.service_id)
        || appid.is_some_and(|a| *a != order.appid)
    {
        return Err(ApiError::order_not_exist());
    }
    Ok(order.clone())
}

/// Cancel: `CREATED`, `DOING` → `REVOKED`; the same reason again on a revoked order
/// succeeds ("原参重入").
pub(super) fn cancel_order(
    ctx: &Ctx<'_>,
    owner: &Owner,
    out_order_no: &str,
    service_id: Option<&String>,
    appid: Option<&String>,
    reason: &str,
) -> Result<Order, ApiError> {
    check_reason(reason)?;
    let mut state = ctx.shared.state();
    let order = checked(&mut state, owner, out_order_no, service_id, appid)?;
    match order.phase {
        Phase::Created | Phase::UserConfirm | Phase::MchComplete => {
            order.phase = Phase::Revoked;
            order.cancel_reason = Some(reason.to_owned());
            Ok(order.clone())
        }
        Phase::Revoked if order.cancel_reason.as_deref() == Some(reason) => Ok(order.clone()),
        Phase::Revoked | Phase::Done | Phase::Expired => {
            Err(ApiError::invalid("当前订单状态不满足撤销条件"))
        }
    }
}

/// What a complete request carries.
pub(super) struct Completion<'a> {
    pub(super) post_payments: &'a [Payment],
    pub(super) post_discounts: &'a [Discount],
    pub(super) total_amount: Amount,
    pub(super) time_range: Option<&'a TimeRange>,
    pub(super) location: Option<&'a Location>,
}

fn check_payments(payments: &[Payment], discounts: &[Discount]) -> Result<(), ApiError> {
    if payments.is_empty() {
        return Err(ApiError::param(
            "输入源“/body/post_payments”映射到字段“post_payments”必填性规则校验失败，此字段为必填项",
            "/post_payments",
            "body",
        ));
    }
    if payments.len() > 100 {
        return Err(ApiError::param("post_payments最多100项", "/post_payments", "body"));
    }
    if discounts.len() > 30 {
        return Err(ApiError::param("post_discounts最多30项", "/post_discounts", "body"));
    }
    for (i, p) in payments.iter().enumerate() {
        if p.amount.is_none() {
            return Err(ApiError::param(
                "完结订单时付费项目金额必填",
                &format!("/post_payments/{i}/amount"),
                "body",
            ));
        }
    }
    Ok(())
}

/// `end ≥ start`, `end ≤ now`.
fn check_times(start: Option<i64>, end: Option<&ServiceTime>) -> Result<(), ApiError> {
    let Some(end) = end.map(util::unix_of) else {
        return Ok(());
    };
    if start.is_some_and(|s| end < s) {
        return Err(ApiError::param(
            "真实结束时间小于预计开始时间",
            "/time_range/end_time",
            "body",
        ));
    }
    if end > util::unix_now() {
        return Err(ApiError::param(
            "实际结束时间不能晚于使用完结接口的时间",
            "/time_range/end_time",
            "body",
        ));
    }
    Ok(())
}

/// Marks the order completed for `total`: `DOING`/`MCH_COMPLETE`, being charged (or `DONE`
/// at once when nothing is owed).
fn set_completed(order: &mut Order, total: u64) {
    order.total_amount = Some(total);
    if total == 0 {
        order.phase = Phase::Done;
        order.need_collection = Some(false);
        return;
    }
    order.phase = Phase::MchComplete;
    order.need_collection = Some(true);
    order.collection = Some(Collection { paid: false, total, paid_amount: 0, details: Vec::new() });
}

/// Complete: `DOING`/`USER_CONFIRM` → `DOING`/`MCH_COMPLETE`, `collection` `USER_PAYING`.
/// Repeating the accepted parameters succeeds; anything else is `当前订单状态不合法`.
pub(super) fn complete_order(
    ctx: &Ctx<'_>,
    owner: &Owner,
    out_order_no: &str,
    service_id: Option<&String>,
    appid: Option<&String>,
    completion: &Completion<'_>,
) -> Result<Order, ApiError> {
    let auto_pay = ctx.shared.config.auto_pay;
    let completed = {
        let mut state = ctx.shared.state();
        let order = checked(&mut state, owner, out_order_no, service_id, appid)?;
        match order.phase {
            Phase::UserConfirm => {}
            Phase::MchComplete | Phase::Done
                if order.complete_request.as_ref() == Some(ctx.raw) =>
            {
                return Ok(order.clone());
            }
            _ => return Err(ApiError::bad_state()),
        }
        check_payments(completion.post_payments, completion.post_discounts)?;
        let total = check_total(
            completion.post_payments,
            completion.post_discounts,
            completion.total_amount,
        )?;
        let risk_name = order.risk_fund.get("name").and_then(Value::as_str).unwrap_or_default();
        let risk_amount = order.risk_fund.get("amount").and_then(Value::as_u64).unwrap_or(u64::MAX);
        // 先免 (deposit-like funds) caps the total at the risk fund; 先享 does not.
        if risk_name != "ESTIMATE_ORDER_COST" && total > risk_amount {
            return Err(ApiError::param("完结金额不能大于订单风险金额", "/total_amount", "body"));
        }
        let end_given = completion.time_range.and_then(|t| t.end_time.as_ref()).is_some();
        if !end_given && order.time_range.get("end_time").is_none() {
            return Err(ApiError::param(
                "创建订单未填写服务结束时间，则结束时间必填",
                "/time_range/end_time",
                "body",
            ));
        }
        if let Some(range) = completion.time_range {
            let start = range.start_time.as_ref().map(util::unix_of).or_else(|| order.start_time());
            check_times(start, range.end_time.as_ref())?;
            merge(&mut order.time_range, &to_json(range));
        }
        if let Some(location) = completion.location {
            let mut merged = order.location.take().unwrap_or_else(|| json!({}));
            merge(&mut merged, &to_json(location));
            order.location = Some(merged);
        }
        order.post_payments = to_json(&completion.post_payments);
        order.post_discounts = to_json(&completion.post_discounts);
        order.complete_request = Some(ctx.raw.clone());
        set_completed(order, total);
        order.clone()
    };
    if let (Some(delay), Phase::MchComplete) = (auto_pay, completed.phase) {
        crate::control::pay_later(ctx.shared, owner.clone(), out_order_no.to_owned(), delay);
    }
    Ok(completed)
}

/// Overwrites the keys of `base` with those of `update` (both JSON objects).
fn merge(base: &mut Value, update: &Value) {
    if let (Some(base), Some(update)) = (base.as_object_mut(), update.as_object()) {
        for (k, v) in update {
            base.insert(k.clone(), v.clone());
        }
    }
}

/// The order must be being charged: `DOING`/`MCH_COMPLETE` with `collection.state`
/// `USER_PAYING`.
fn check_paying(order: &Order) -> Result<(), ApiError> {
    let paying = order.collection.as_ref().is_some_and(|c| !c.paid);
    if order.phase == Phase::MchComplete && paying { Ok(()) } else { Err(ApiError::bad_state()) }
}

/// Modify: lower the amount of an order being charged.
pub(super) fn modify_order(
    ctx: &Ctx<'_>,
    owner: &Owner,
    out_order_no: &str,
    service_id: Option<&String>,
    appid: Option<&String>,
    (payments, discounts, total): (&[Payment], &[Discount], Amount),
    reason: &str,
) -> Result<Order, ApiError> {
    check_reason(reason)?;
    let mut state = ctx.shared.state();
    let order = checked(&mut state, owner, out_order_no, service_id, appid)?;
    check_paying(order)?;
    check_payments(payments, discounts)?;
    let total = check_total(payments, discounts, total)?;
    let previous = order.total_amount.unwrap_or(0);
    if total > previous {
        return Err(ApiError::param(
            format!("修改后的订单金额{total}不能大于原订单金额{previous}"),
            "/total_amount",
            "body",
        ));
    }
    order.post_payments = to_json(&payments);
    order.post_discounts = to_json(&discounts);
    order.total_amount = Some(total);
    if let Some(collection) = order.collection.as_mut() {
        collection.total = total;
    }
    Ok(order.clone())
}

/// Request payment (催收扣款): accepted while the order is being charged.
pub(super) fn request_payment(
    ctx: &Ctx<'_>,
    owner: &Owner,
    out_order_no: &str,
    service_id: Option<&String>,
    appid: Option<&String>,
) -> Result<Order, ApiError> {
    let mut state = ctx.shared.state();
    let order = checked(&mut state, owner, out_order_no, service_id, appid)?;
    check_paying(order)?;
    Ok(order.clone())
}

/// Sync: the user paid through the merchant's channel → `DONE`, detail `MCH`.
pub(super) fn sync_order(
    ctx: &Ctx<'_>,
    owner: &Owner,
    out_order_no: &str,
    service_id: Option<&String>,
    appid: Option<&String>,
    kind: &SyncType,
    detail: &SyncDetail,
) -> Result<Order, ApiError> {
    if *kind != SyncType::OrderPaid {
        return Err(ApiError::param("type取值非法，仅支持Order_Paid", "/type", "body"));
    }
    let paid_at = util::unix_of(&detail.paid_time);
    let mut state = ctx.shared.state();
    let order = checked(&mut state, owner, out_order_no, service_id, appid)?;
    check_paying(order)?;
    settle(order, "MCH", paid_at, None);
    Ok(order.clone())
}

/// Fee messages: accepted while the order runs (`DOING`); the amounts must add up.
pub(super) fn send_message(
    ctx: &Ctx<'_>,
    owner: &Owner,
    out_order_no: &str,
    service_id: &String,
    (payments, discounts, total): (&[Payment], &[Discount], Amount),
) -> Result<Reply, ApiError> {
    let mut state = ctx.shared.state();
    let order = checked(&mut state, owner, out_order_no, Some(service_id), None)?;
    if !matches!(order.phase, Phase::UserConfirm | Phase::MchComplete) {
        return Err(ApiError::bad_state());
    }
    check_total(payments, discounts, total)?;
    Ok(Reply::NoContent)
}
