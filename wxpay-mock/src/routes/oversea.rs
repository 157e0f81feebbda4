//! Cross-border PayScore (境外, `/v3/payscore/oversea/partner/serviceorder...`): the
//! partner service-order machine again (the orders live beside the mainland partner orders
//! of the same sub-merchant, so the control actions `confirm_order` / `pay_order` with an
//! [`OrderKey::partner`](crate::OrderKey::partner) drive them), with RFC 3339 times and the
//! sub-merchant's `currency`. Cancel, complete and sync answer `204`.

use serde_json::{Value, json};
use wxpay_payscore::{
    StartTime, SyncDetail, TimeRange,
    oversea::partner::service_order::{
        CancelOverseaServiceOrder, CompleteOverseaServiceOrder, CreateOverseaServiceOrder,
        QueryOverseaServiceOrder, SyncOverseaServiceOrder,
    },
};

use super::{
    Ctx, Reply, Route,
    checks::validated,
    service_order::{
        Completion, NewOrder, cancel_order, complete_order, create_order, lookup, new_order,
        sync_order, to_json,
    },
};
use crate::{
    error::ApiError,
    state::{CREATE_KEYS, ORDER_KEYS, Owner},
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreateOverseaServiceOrder>(create),
        Route::endpoint::<QueryOverseaServiceOrder>(query),
        Route::endpoint::<CancelOverseaServiceOrder>(cancel),
        Route::endpoint::<CompleteOverseaServiceOrder>(complete),
        Route::endpoint::<SyncOverseaServiceOrder>(sync),
    ]
}

fn create(ctx: &Ctx<'_>, req: &CreateOverseaServiceOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    if req.sub_openid.is_some() && req.sub_appid.is_none() {
        return Err(ApiError::param("传入sub_openid时sub_appid必填", "/sub_appid", "body"));
    }
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    // The machine stores the time range as JSON: the RFC 3339 times as sent.
    let placeholder = TimeRange::<StartTime>::default();
    let mut order = new_order(
        ctx,
        owner.clone(),
        &NewOrder {
            out_order_no: req.out_order_no.as_str(),
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: req.sub_appid.as_deref(),
            service_introduction: &req.service_introduction,
            post_payments: &req.post_payments,
            post_discounts: &req.post_discounts,
            risk_fund: Some(&req.risk_fund),
            time_range: &placeholder,
            location: req.location.as_ref(),
            attach: req.attach.as_deref(),
            notify_url: &req.notify_url,
            openid: req.openid.as_deref(),
            sub_openid: req.sub_openid.as_deref(),
        },
    );
    order.time_range = to_json(&req.time_range);
    let order = create_order(ctx, order, req.need_user_confirm)?;
    ctx.shared
        .state()
        .oversea_currency
        .entry((owner, order.out_order_no.clone()))
        .or_insert_with(|| req.currency.clone());
    Ok(Reply::Json(ctx.shared.state().family_view(&order, CREATE_KEYS)))
}

fn query(ctx: &Ctx<'_>, req: &QueryOverseaServiceOrder) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    let order = lookup(ctx, &owner, &req.lookup, Some(&req.service_id), None)?;
    Ok(Reply::Json(ctx.shared.state().family_view(&order, ORDER_KEYS)))
}

fn cancel(ctx: &Ctx<'_>, req: &CancelOverseaServiceOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    cancel_order(ctx, &owner, req.out_order_no.as_str(), Some(&req.service_id), None, &req.reason)?;
    Ok(Reply::NoContent)
}

fn complete(ctx: &Ctx<'_>, req: &CompleteOverseaServiceOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    let key = (owner.clone(), req.out_order_no.as_str().to_owned());
    {
        let state = ctx.shared.state();
        if let (Some(asked), Some(currency)) = (&req.currency, state.oversea_currency.get(&key))
            && asked != currency
        {
            return Err(ApiError::param("货币类型与创建订单时不一致", "/currency", "body"));
        }
    }
    if let Some(end) = req.time_range.as_ref().and_then(|t| t.end_time.as_ref()) {
        let end_unix = end.date_time().unix_timestamp();
        if end_unix > util::unix_now() {
            return Err(ApiError::param(
                "实际结束时间不能晚于使用完结接口的时间",
                "/time_range/end_time",
                "body",
            ));
        }
    }
    // The machine checks times written `yyyyMMddHHmmss`: hand it none, and record the
    // RFC 3339 range once the order is completed.
    let before =
        ctx.shared.state().order(&owner, req.out_order_no.as_str()).map(|o| o.time_range.clone());
    if let (Some(range), Some(_)) = (&req.time_range, &before) {
        let mut state = ctx.shared.state();
        if let Some(order) = state.order_mut(&owner, req.out_order_no.as_str())
            && order.phase == crate::state::Phase::UserConfirm
        {
            merge(&mut order.time_range, &to_json(range));
        }
    }
    let result = complete_order(
        ctx,
        &owner,
        req.out_order_no.as_str(),
        Some(&req.service_id),
        None,
        &Completion {
            post_payments: &req.post_payments,
            post_discounts: &req.post_discounts,
            total_amount: req.total_amount,
            time_range: None,
            location: req.location.as_ref(),
        },
    );
    if result.is_err()
        && let Some(before) = before
        && let Some(order) = ctx.shared.state().order_mut(&owner, req.out_order_no.as_str())
        && order.phase == crate::state::Phase::UserConfirm
    {
        order.time_range = before;
    }
    result.map(|_| Reply::NoContent)
}

fn merge(base: &mut Value, update: &Value) {
    if let (Some(base), Some(update)) = (base.as_object_mut(), update.as_object()) {
        for (k, v) in update {
            base.insert(k.clone(), v.clone());
        }
    }
}

fn sync(ctx: &Ctx<'_>, req: &SyncOverseaServiceOrder) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    let paid_at = req.detail.paid_time.date_time().unix_timestamp();
    let detail: SyncDetail =
        serde_json::from_value(json!({ "paid_time": util::service_time(paid_at) }))
            .map_err(|_| ApiError::param("paid_time取值非法", "/detail/paid_time", "body"))?;
    sync_order(
        ctx,
        &owner,
        req.out_order_no.as_str(),
        Some(&req.service_id),
        None,
        &req.r#type,
        &detail,
    )?;
    Ok(Reply::NoContent)
}
