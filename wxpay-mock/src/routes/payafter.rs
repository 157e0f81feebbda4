//! 先享后付 (legacy, direct merchant, `/v3/payscore/payafter-orders...`), and the order
//! machine it shares with 智慧零售 (`routes/smartretail.rs`): create (`CREATED`, or
//! `USER_ACCEPTED` without confirmation), the user's acceptance (a control action, with
//! `PAYSCORE.USER_ACCEPTED`), complete with the `finish_ticket` (`FINISHED`), the charge
//! (control action or auto-pay, `PAYSCORE.USER_PAID`), cancel, sync and query.

use std::collections::BTreeMap;

use wxpay_payscore::{
    Amount, ServiceTime, StartTime, SyncDetail, SyncType,
    payafter_orders::{
        CancelPayAfterOrder, CompletePayAfterOrder, CreatePayAfterOrder, Fee, FeeDiscount,
        FinishType, QueryPayAfterOrder, SyncPayAfterOrder,
    },
    service_order::OrderLookup,
};

use super::{Ctx, Reply, Route, check_reason, service_order::to_json};
use crate::{
    error::ApiError,
    state::legacy::{LegacyFamily, LegacyOrder},
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreatePayAfterOrder>(create),
        Route::endpoint::<QueryPayAfterOrder>(query),
        Route::endpoint::<CancelPayAfterOrder>(cancel),
        Route::endpoint::<CompletePayAfterOrder>(complete),
        Route::endpoint::<SyncPayAfterOrder>(sync),
    ]
}

/// The create, query, cancel and complete handlers of one family (`$family`, a
/// [`LegacyFamily`]), over its request types: both families' requests have the same fields.
macro_rules! family_handlers {
    ($family:expr, $create:ty, $query:ty, $cancel:ty, $complete:ty) => {
        fn create(
            ctx: &super::Ctx<'_>,
            req: &$create,
        ) -> Result<super::Reply, crate::error::ApiError> {
            super::checks::validated(req.validate(), "body")?;
            super::payafter::create_order(
                ctx,
                &super::payafter::NewLegacy {
                    family: $family,
                    appid: &req.appid,
                    out_order_no: req.out_order_no.as_str(),
                    service_id: &req.service_id,
                    service_start_time: req.service_start_time.as_ref(),
                    service_end_time: req.service_end_time.as_ref(),
                    texts: [
                        ("service_start_location", req.service_start_location.as_ref()),
                        ("service_end_location", req.service_end_location.as_ref()),
                        ("service_introduction", req.service_introduction.as_ref()),
                        ("attach", req.attach.as_ref()),
                    ],
                    fees: &req.fees,
                    discounts: &req.discounts,
                    risk_amount: req.risk_amount,
                    need_user_confirm: req.need_user_confirm,
                    openid: req.openid.as_deref(),
                },
            )
        }

        fn query(
            ctx: &super::Ctx<'_>,
            req: &$query,
        ) -> Result<super::Reply, crate::error::ApiError> {
            super::payafter::query_order(ctx, $family, &req.lookup, &req.service_id, &req.appid)
        }

        fn cancel(
            ctx: &super::Ctx<'_>,
            req: &$cancel,
        ) -> Result<super::Reply, crate::error::ApiError> {
            super::checks::validated(req.validate(), "body")?;
            let out_order_no = req.out_order_no.as_str();
            let (service_id, appid) = (&req.service_id, &req.appid);
            super::payafter::cancel_order(
                ctx,
                $family,
                out_order_no,
                service_id,
                appid,
                &req.reason,
            )
        }

        fn complete(
            ctx: &super::Ctx<'_>,
            req: &$complete,
        ) -> Result<super::Reply, crate::error::ApiError> {
            super::checks::validated(req.validate(), "body")?;
            super::payafter::complete_order(
                ctx,
                &super::payafter::Finish {
                    family: $family,
                    out_order_no: req.out_order_no.as_str(),
                    appid: &req.appid,
                    service_id: &req.service_id,
                    finish_type: req.finish_type,
                    cancel_reason: req.cancel_reason.as_deref(),
                    real_service_start_time: req.real_service_start_time.as_ref(),
                    real_service_end_time: req.real_service_end_time.as_ref(),
                    real_service_end_location: req.real_service_end_location.as_deref(),
                    fees: &req.fees,
                    discounts: &req.discounts,
                    total_amount: req.total_amount,
                    finish_ticket: req.finish_ticket.as_deref(),
                },
            )
        }
    };
}
pub(super) use family_handlers;

family_handlers!(
    LegacyFamily::PayAfter,
    CreatePayAfterOrder,
    QueryPayAfterOrder,
    CancelPayAfterOrder,
    CompletePayAfterOrder
);

fn sync(ctx: &Ctx<'_>, req: &SyncPayAfterOrder) -> Result<Reply, ApiError> {
    sync_order(
        ctx,
        req.out_order_no.as_str(),
        &req.service_id,
        &req.appid,
        &req.r#type,
        &req.detail,
    )
}

// ---------------------------------------------------------------------------------------
// The machine, shared with 智慧零售.

/// A value's JSON string (times as WeChat writes them).
fn text<T: serde::Serialize>(value: &T) -> Option<String> {
    to_json(value).as_str().map(str::to_owned)
}

/// What a create request carries (both families).
pub(super) struct NewLegacy<'a> {
    pub(super) family: LegacyFamily,
    pub(super) appid: &'a str,
    pub(super) out_order_no: &'a str,
    pub(super) service_id: &'a str,
    pub(super) service_start_time: Option<&'a StartTime>,
    pub(super) service_end_time: Option<&'a ServiceTime>,
    pub(super) texts: [(&'static str, Option<&'a String>); 4],
    pub(super) fees: &'a [Fee],
    pub(super) discounts: &'a [FeeDiscount],
    pub(super) risk_amount: Option<Amount>,
    pub(super) need_user_confirm: Option<bool>,
    pub(super) openid: Option<&'a str>,
}

/// Creates the order: `CREATED` with a `package` for the front end, or, with
/// `need_user_confirm: false`, `USER_ACCEPTED` at once (the user must have authorized the
/// service). The same parameters again answer like the first call.
pub(super) fn create_order(ctx: &Ctx<'_>, new: &NewLegacy<'_>) -> Result<Reply, ApiError> {
    let mut texts = BTreeMap::new();
    if let Some(t) = new.service_start_time.and_then(text) {
        texts.insert("service_start_time", t);
    }
    if let Some(t) = new.service_end_time.and_then(text) {
        texts.insert("service_end_time", t);
    }
    for (key, value) in new.texts {
        if let Some(value) = value {
            texts.insert(key, value.clone());
        }
    }
    if new.fees.iter().any(|f| f.fee_count == Some(0)) {
        return Err(ApiError::param("fee_count必须大于0", "/fees", "body"));
    }
    let order_id = ctx.shared.state().next_order_id();
    let mut order = LegacyOrder {
        family: new.family,
        mchid: ctx.mchid.to_owned(),
        out_order_no: new.out_order_no.to_owned(),
        appid: new.appid.to_owned(),
        service_id: new.service_id.to_owned(),
        state: "CREATED",
        finish_type: None,
        texts,
        fees: to_json(&new.fees),
        discounts: to_json(&new.discounts),
        risk_amount: new.risk_amount.map(Amount::as_fen),
        total_amount: None,
        openid: None,
        order_id,
        query_id: None,
        finish_ticket: None,
        finish_transaction_id: None,
        pay_type: None,
        package: None,
        create_request: ctx.raw.clone(),
        cancel_reason: None,
        complete_request: None,
    };
    if new.need_user_confirm == Some(false) {
        let Some(openid) = new.openid else {
            return Err(ApiError::param("免确认订单必须传入用户标识openid", "/openid", "body"));
        };
        let owner = crate::state::Owner::direct(ctx.mchid);
        if ctx.shared.config.require_authorization
            && !ctx.shared.state().is_authorized(&owner, new.service_id, openid)
        {
            return Err(ApiError::invalid("用户未授权该服务或已解除授权，请引导用户授权后再试"));
        }
        order.accept(openid.to_owned());
    } else {
        order.package = Some(format!("DJIOSQPYWDxsjdldeskdsxxxx{}", util::random_alnum(24)));
    }
    let key = (new.family, ctx.mchid.to_owned(), new.out_order_no.to_owned());
    let mut state = ctx.shared.state();
    if let Some(existing) = state.legacy.orders.get(&key) {
        if existing.create_request != *ctx.raw {
            return Err(ApiError::invalid("订单重入参数校验失败，请检查商户服务订单号是否重复"));
        }
        return Ok(Reply::Json(existing.created_json()));
    }
    let answer = order.created_json();
    state.legacy.orders.insert(key, order);
    Ok(Reply::Json(answer))
}

/// Finds the order the identifiers name (`ORDER_NOT_EXIST` otherwise).
fn checked<'s>(
    state: &'s mut crate::state::State,
    family: LegacyFamily,
    mchid: &str,
    out_order_no: &str,
    service_id: &str,
    appid: &str,
) -> Result<&'s mut LegacyOrder, ApiError> {
    state
        .legacy
        .orders
        .get_mut(&(family, mchid.to_owned(), out_order_no.to_owned()))
        .filter(|o| o.service_id == service_id && o.appid == appid)
        .ok_or_else(ApiError::order_not_exist)
}

/// Query by exactly one of `out_order_no` and `query_id`.
pub(super) fn query_order(
    ctx: &Ctx<'_>,
    family: LegacyFamily,
    lookup: &OrderLookup,
    service_id: &str,
    appid: &str,
) -> Result<Reply, ApiError> {
    if ["out_order_no", "query_id"].iter().all(|k| ctx.raw.get(*k).is_some()) {
        return Err(ApiError::param(
            "out_order_no与query_id不能同时填写，请只填写其中一个",
            "query_id",
            "query",
        ));
    }
    let state = ctx.shared.state();
    let order = match lookup {
        OrderLookup::OutOrderNo(no) => {
            state.legacy.orders.get(&(family, ctx.mchid.to_owned(), no.as_str().to_owned()))
        }
        OrderLookup::QueryId(id) => state.legacy.by_query_id(family, ctx.mchid, id),
    }
    .filter(|o| o.service_id == service_id && o.appid == appid)
    .ok_or_else(ApiError::order_not_exist)?;
    Ok(Reply::Json(order.to_json()))
}

/// Cancel: `CREATED`, `USER_ACCEPTED` → `REVOKED`; the same reason again succeeds.
pub(super) fn cancel_order(
    ctx: &Ctx<'_>,
    family: LegacyFamily,
    out_order_no: &str,
    service_id: &str,
    appid: &str,
    reason: &str,
) -> Result<Reply, ApiError> {
    check_reason(reason)?;
    let mut state = ctx.shared.state();
    let order = checked(&mut state, family, ctx.mchid, out_order_no, service_id, appid)?;
    match order.state {
        "CREATED" | "USER_ACCEPTED" => {
            order.state = "REVOKED";
            order.cancel_reason = Some(reason.to_owned());
        }
        "REVOKED" if order.cancel_reason.as_deref() == Some(reason) => {}
        _ => return Err(ApiError::invalid("当前订单状态不满足撤销条件")),
    }
    Ok(Reply::Json(order.ids_json(true)))
}

/// What a complete request carries (both families).
#[allow(clippy::struct_field_names, reason = "fields carry WeChat's wire names")]
pub(super) struct Finish<'a> {
    pub(super) family: LegacyFamily,
    pub(super) out_order_no: &'a str,
    pub(super) appid: &'a str,
    pub(super) service_id: &'a str,
    pub(super) finish_type: Option<FinishType>,
    pub(super) cancel_reason: Option<&'a str>,
    pub(super) real_service_start_time: Option<&'a ServiceTime>,
    pub(super) real_service_end_time: Option<&'a ServiceTime>,
    pub(super) real_service_end_location: Option<&'a str>,
    pub(super) fees: &'a [Fee],
    pub(super) discounts: &'a [FeeDiscount],
    pub(super) total_amount: Option<Amount>,
    pub(super) finish_ticket: Option<&'a str>,
}

/// `total_amount` must be `Σ fee_amount − Σ discount_amount`.
fn check_total(fees: &[Fee], discounts: &[FeeDiscount], total: Amount) -> Result<(), ApiError> {
    let paid = fees.iter().try_fold(0u64, |s, f| s.checked_add(f.fee_amount?.as_fen()));
    let off = discounts.iter().try_fold(0u64, |s, d| s.checked_add(d.discount_amount?.as_fen()));
    match paid.zip(off).and_then(|(p, d)| p.checked_sub(d)) {
        Some(expected) if expected == total.as_fen() => Ok(()),
        Some(_) => Err(ApiError::param("最终总金额计算非法", "/total_amount", "body")),
        None => Err(ApiError::param("完结订单时付费项目金额与优惠金额必填", "/fees", "body")),
    }
}

/// Complete with the query's `finish_ticket`: `USER_ACCEPTED` → `FINISHED` (charged later:
/// a control action or auto-pay); `finish_type` `1` ends the order without charge.
/// Repeating the accepted parameters succeeds.
pub(super) fn complete_order(ctx: &Ctx<'_>, finish: &Finish<'_>) -> Result<Reply, ApiError> {
    let required = |field: &str| {
        ApiError::param(
            format!("输入源“/body/{field}”映射到字段“{field}”必填性规则校验失败，此字段为必填项"),
            &format!("/{field}"),
            "body",
        )
    };
    let finish_type = finish.finish_type.ok_or_else(|| required("finish_type"))?;
    let ticket = finish.finish_ticket.ok_or_else(|| required("finish_ticket"))?;
    let answer = {
        let mut state = ctx.shared.state();
        let order = checked(
            &mut state,
            finish.family,
            ctx.mchid,
            finish.out_order_no,
            finish.service_id,
            finish.appid,
        )?;
        match order.state {
            "USER_ACCEPTED" => {}
            "FINISHED" | "USER_PAID" if order.complete_request.as_ref() == Some(ctx.raw) => {
                return Ok(Reply::Json(order.ids_json(true)));
            }
            _ => return Err(ApiError::bad_state()),
        }
        if order.finish_ticket.as_deref() != Some(ticket) {
            return Err(ApiError::invalid("完结凭证finish_ticket不正确，请重新查询订单获取"));
        }
        let total = match finish_type {
            FinishType::Used => {
                let total = finish.total_amount.ok_or_else(|| required("total_amount"))?;
                check_total(finish.fees, finish.discounts, total)?;
                total.as_fen()
            }
            FinishType::NotUsed => {
                if finish.cancel_reason.is_none_or(str::is_empty) {
                    return Err(required("cancel_reason"));
                }
                0
            }
            _ => {
                return Err(ApiError::param("finish_type取值非法", "/finish_type", "body"));
            }
        };
        if let Some(end) = finish.real_service_end_time
            && util::unix_of(end) > util::unix_now()
        {
            return Err(ApiError::param(
                "实际结束时间不能晚于使用完结接口的时间",
                "/real_service_end_time",
                "body",
            ));
        }
        for (key, value) in [
            ("real_service_start_time", finish.real_service_start_time.and_then(text)),
            ("real_service_end_time", finish.real_service_end_time.and_then(text)),
            ("real_service_end_location", finish.real_service_end_location.map(str::to_owned)),
        ] {
            if let Some(value) = value {
                order.texts.insert(key, value);
            }
        }
        if !finish.fees.is_empty() {
            order.fees = to_json(&finish.fees);
        }
        order.discounts = to_json(&finish.discounts);
        order.finish_type = Some(finish_type.as_u8());
        order.total_amount = Some(total);
        order.state = "FINISHED";
        order.complete_request = Some(ctx.raw.clone());
        order.ids_json(true)
    };
    if let (Some(delay), FinishType::Used) = (ctx.shared.config.auto_pay, finish_type) {
        crate::control::legacy::pay_later(
            ctx.shared,
            finish.family,
            ctx.mchid.to_owned(),
            finish.out_order_no.to_owned(),
            delay,
        );
    }
    Ok(Reply::Json(answer))
}

/// Sync (先享后付 only): the user paid through the merchant's channel → `USER_PAID`,
/// `pay_type` `MchChannelPayType`.
fn sync_order(
    ctx: &Ctx<'_>,
    out_order_no: &str,
    service_id: &str,
    appid: &str,
    kind: &SyncType,
    detail: &SyncDetail,
) -> Result<Reply, ApiError> {
    if *kind != SyncType::OrderPaid {
        return Err(ApiError::param("type取值非法，仅支持Order_Paid", "/type", "body"));
    }
    let paid_at = util::unix_of(&detail.paid_time);
    let mut state = ctx.shared.state();
    let family = LegacyFamily::PayAfter;
    let order = checked(&mut state, family, ctx.mchid, out_order_no, service_id, appid)?;
    if order.state != "FINISHED" || order.total_amount.unwrap_or(0) == 0 {
        return Err(ApiError::bad_state());
    }
    order.settle(paid_at, Some("MchChannelPayType"));
    Ok(Reply::Json(order.ids_json(false)))
}
