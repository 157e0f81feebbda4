//! Service orders, partner mode (`/v3/payscore/partner/serviceorder/...`): orders belong to
//! the sub-merchant; cancel, modify, complete, pay, sync and direct-complete answer `204`.

use wxpay_payscore::{
    StartTime, TimeRange,
    partner::service_order::{
        CancelPartnerServiceOrder, CompletePartnerServiceOrder, CreatePartnerServiceOrder,
        DirectCompletePartnerServiceOrder, ModifyPartnerServiceOrder, PayPartnerServiceOrder,
        QueryPartnerServiceOrder, SendPartnerServiceOrderPendingMessage,
        SendPartnerServiceOrderPrepaidMessage, SyncPartnerServiceOrder,
    },
};

use super::{
    Ctx, Reply, Route,
    service_order::{
        Completion, NewOrder, cancel_order, complete_order, create_completed, create_order, lookup,
        modify_order, new_order, request_payment, send_message, sync_order,
    },
};
use crate::{
    error::ApiError,
    state::{CREATE_KEYS, ORDER_KEYS, Owner},
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreatePartnerServiceOrder>(create),
        Route::endpoint::<QueryPartnerServiceOrder>(query),
        Route::endpoint::<CancelPartnerServiceOrder>(cancel),
        Route::endpoint::<CompletePartnerServiceOrder>(complete),
        Route::endpoint::<ModifyPartnerServiceOrder>(modify),
        Route::endpoint::<PayPartnerServiceOrder>(pay),
        Route::endpoint::<SyncPartnerServiceOrder>(sync),
        Route::endpoint::<SendPartnerServiceOrderPendingMessage>(send_pending_message),
        Route::endpoint::<SendPartnerServiceOrderPrepaidMessage>(send_prepaid_message),
        Route::endpoint::<DirectCompletePartnerServiceOrder>(direct_complete),
    ]
}

fn create(ctx: &Ctx<'_>, req: &CreatePartnerServiceOrder) -> Result<Reply, ApiError> {
    if req.sub_openid.is_some() && req.sub_appid.is_none() {
        return Err(ApiError::param("传入sub_openid时sub_appid必填", "/sub_appid", "body"));
    }
    let order = new_order(
        ctx,
        Owner::partner(ctx.mchid, &req.sub_mchid),
        &NewOrder {
            out_order_no: req.out_order_no.as_str(),
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: req.sub_appid.as_deref(),
            service_introduction: &req.service_introduction,
            post_payments: &req.post_payments,
            post_discounts: &req.post_discounts,
            risk_fund: Some(&req.risk_fund),
            time_range: &req.time_range,
            location: req.location.as_ref(),
            attach: req.attach.as_deref(),
            notify_url: &req.notify_url,
            openid: req.openid.as_deref(),
            sub_openid: req.sub_openid.as_deref(),
        },
    );
    let order = create_order(ctx, order, req.need_user_confirm)?;
    Ok(Reply::Json(order.view(CREATE_KEYS)))
}

fn query(ctx: &Ctx<'_>, req: &QueryPartnerServiceOrder) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    let order = lookup(ctx, &owner, &req.lookup, req.service_id.as_ref(), None)?;
    Ok(Reply::Json(order.view(ORDER_KEYS)))
}

fn cancel(ctx: &Ctx<'_>, req: &CancelPartnerServiceOrder) -> Result<Reply, ApiError> {
    cancel_order(
        ctx,
        &Owner::partner(ctx.mchid, &req.sub_mchid),
        req.out_order_no.as_str(),
        req.service_id.as_ref(),
        None,
        &req.reason,
    )?;
    Ok(Reply::NoContent)
}

fn complete(ctx: &Ctx<'_>, req: &CompletePartnerServiceOrder) -> Result<Reply, ApiError> {
    complete_order(
        ctx,
        &Owner::partner(ctx.mchid, &req.sub_mchid),
        req.out_order_no.as_str(),
        Some(&req.service_id),
        None,
        &Completion {
            post_payments: &req.post_payments,
            post_discounts: &req.post_discounts,
            total_amount: req.total_amount,
            time_range: req.time_range.as_ref(),
            location: req.location.as_ref(),
        },
    )?;
    Ok(Reply::NoContent)
}

fn modify(ctx: &Ctx<'_>, req: &ModifyPartnerServiceOrder) -> Result<Reply, ApiError> {
    modify_order(
        ctx,
        &Owner::partner(ctx.mchid, &req.sub_mchid),
        req.out_order_no.as_str(),
        req.service_id.as_ref(),
        None,
        (&req.post_payments, &req.post_discounts, req.total_amount),
        &req.reason,
    )?;
    Ok(Reply::NoContent)
}

fn pay(ctx: &Ctx<'_>, req: &PayPartnerServiceOrder) -> Result<Reply, ApiError> {
    request_payment(
        ctx,
        &Owner::partner(ctx.mchid, &req.sub_mchid),
        req.out_order_no.as_str(),
        req.service_id.as_ref(),
        None,
    )?;
    Ok(Reply::NoContent)
}

fn sync(ctx: &Ctx<'_>, req: &SyncPartnerServiceOrder) -> Result<Reply, ApiError> {
    sync_order(
        ctx,
        &Owner::partner(ctx.mchid, &req.sub_mchid),
        req.out_order_no.as_str(),
        Some(&req.service_id),
        None,
        &req.r#type,
        &req.detail,
    )?;
    Ok(Reply::NoContent)
}

fn send_pending_message(
    ctx: &Ctx<'_>,
    req: &SendPartnerServiceOrderPendingMessage,
) -> Result<Reply, ApiError> {
    send_message(
        ctx,
        &Owner::partner(ctx.mchid, &req.sub_mchid),
        req.out_order_no.as_str(),
        &req.service_id,
        (&req.post_payments, &req.post_discounts, req.total_amount),
    )
}

fn send_prepaid_message(
    ctx: &Ctx<'_>,
    req: &SendPartnerServiceOrderPrepaidMessage,
) -> Result<Reply, ApiError> {
    send_message(
        ctx,
        &Owner::partner(ctx.mchid, &req.sub_mchid),
        req.out_order_no.as_str(),
        &req.service_id,
        (&req.post_payments, &req.post_discounts, req.total_amount),
    )
}

fn direct_complete(
    ctx: &Ctx<'_>,
    req: &DirectCompletePartnerServiceOrder,
) -> Result<Reply, ApiError> {
    let Some(sub_mchid) = req.sub_mchid.as_deref() else {
        return Err(ApiError::param(
            "输入源“/body/sub_mchid”映射到字段“sub_mchid”必填性规则校验失败，此字段为必填项",
            "/sub_mchid",
            "body",
        ));
    };
    let time_range: TimeRange<StartTime> = req.time_range.clone().into();
    let order = new_order(
        ctx,
        Owner::partner(ctx.mchid, sub_mchid),
        &NewOrder {
            out_order_no: req.out_order_no.as_str(),
            service_id: &req.service_id,
            appid: &req.appid,
            sub_appid: Some(&req.sub_appid),
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
    create_completed(
        ctx,
        order,
        &req.post_payments,
        &req.post_discounts,
        req.total_amount,
        &req.time_range,
    )?;
    Ok(Reply::NoContent)
}
