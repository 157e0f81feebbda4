//! Acquiring institutions (从业机构, `/v3/payscore/acquiringbank/serviceorder...`): the
//! partner service-order machine again, the orders of the sub-merchant kept with their
//! `channel_id` (渠道商商户号). Create and query answer the order; cancel, modify, complete
//! and sync answer `204`. The control actions of partner orders (`confirm_order`,
//! `pay_order` with an [`OrderKey::partner`](crate::OrderKey::partner)) drive them.
//! The permissions (pre-authorize, query and terminate by `authorization_code`) are the
//! partner authorization records, completed by `open_service` with the code.

use serde_json::{Value, json};
use wxpay_payscore::acquiringbank::{
    permissions::{
        PreAuthorizeAcquiringBankPermissions, QueryAcquiringBankPermissionsByAuthorizationCode,
        TerminateAcquiringBankPermissionsByAuthorizationCode,
    },
    service_order::{
        CancelAcquiringBankServiceOrder, CompleteAcquiringBankServiceOrder,
        CreateAcquiringBankServiceOrder, ModifyAcquiringBankServiceOrder,
        QueryAcquiringBankServiceOrder, SyncAcquiringBankServiceOrder,
    },
};

use super::{
    Ctx, Reply, Route,
    checks::validated,
    permissions::{PreAuth, Who, record_json, record_pre_authorization, terminate},
    service_order::{
        Completion, NewOrder, cancel_order, complete_order, create_order, lookup, modify_order,
        new_order, sync_order,
    },
};
use crate::{
    error::ApiError,
    state::{CREATE_KEYS, ORDER_KEYS, Order, Owner},
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreateAcquiringBankServiceOrder>(create),
        Route::endpoint::<QueryAcquiringBankServiceOrder>(query),
        Route::endpoint::<CancelAcquiringBankServiceOrder>(cancel),
        Route::endpoint::<ModifyAcquiringBankServiceOrder>(modify),
        Route::endpoint::<CompleteAcquiringBankServiceOrder>(complete),
        Route::endpoint::<SyncAcquiringBankServiceOrder>(sync),
        Route::endpoint::<PreAuthorizeAcquiringBankPermissions>(pre_authorize),
        Route::endpoint::<QueryAcquiringBankPermissionsByAuthorizationCode>(query_permissions),
        Route::endpoint::<TerminateAcquiringBankPermissionsByAuthorizationCode>(
            terminate_permissions,
        ),
    ]
}

/// The order's view with its `channel_id`.
fn with_channel(ctx: &Ctx<'_>, order: &Order, keys: &[&str]) -> Value {
    let mut view = order.view(keys);
    let channel = ctx
        .shared
        .state()
        .acquiring_channel
        .get(&(order.owner.clone(), order.out_order_no.clone()))
        .cloned();
    if let (Some(map), Some(channel)) = (view.as_object_mut(), channel) {
        map.insert("channel_id".into(), json!(channel));
    }
    view
}

/// A `channel_id` given must be the order's (渠道商商户号与订单不匹配 otherwise).
fn check_channel(
    ctx: &Ctx<'_>,
    owner: &Owner,
    out_order_no: &str,
    channel_id: Option<&String>,
) -> Result<(), ApiError> {
    let state = ctx.shared.state();
    let known = state.acquiring_channel.get(&(owner.clone(), out_order_no.to_owned()));
    match (channel_id, known) {
        (Some(asked), Some(known)) if asked != known => Err(ApiError::order_not_exist()),
        _ => Ok(()),
    }
}

fn create(ctx: &Ctx<'_>, req: &CreateAcquiringBankServiceOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    if req.sub_openid.is_some() && req.sub_appid.is_none() {
        return Err(ApiError::param("传入sub_openid时sub_appid必填", "/sub_appid", "body"));
    }
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    let order = new_order(
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
            time_range: &req.time_range,
            location: req.location.as_ref(),
            attach: req.attach.as_deref(),
            notify_url: &req.notify_url,
            openid: req.openid.as_deref(),
            sub_openid: req.sub_openid.as_deref(),
        },
    );
    let order = create_order(ctx, order, req.need_user_confirm)?;
    ctx.shared
        .state()
        .acquiring_channel
        .entry((owner, order.out_order_no.clone()))
        .or_insert_with(|| req.channel_id.clone());
    Ok(Reply::Json(with_channel(ctx, &order, CREATE_KEYS)))
}

fn query(ctx: &Ctx<'_>, req: &QueryAcquiringBankServiceOrder) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    let order = lookup(ctx, &owner, &req.lookup, Some(&req.service_id), None)?;
    check_channel(ctx, &owner, &order.out_order_no, Some(&req.channel_id))?;
    Ok(Reply::Json(with_channel(ctx, &order, ORDER_KEYS)))
}

fn cancel(ctx: &Ctx<'_>, req: &CancelAcquiringBankServiceOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    check_channel(ctx, &owner, req.out_order_no.as_str(), Some(&req.channel_id))?;
    cancel_order(ctx, &owner, req.out_order_no.as_str(), Some(&req.service_id), None, &req.reason)?;
    Ok(Reply::NoContent)
}

fn modify(ctx: &Ctx<'_>, req: &ModifyAcquiringBankServiceOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    check_channel(ctx, &owner, req.out_order_no.as_str(), req.channel_id.as_ref())?;
    modify_order(
        ctx,
        &owner,
        req.out_order_no.as_str(),
        Some(&req.service_id),
        None,
        (&req.post_payments, &req.post_discounts, req.total_amount),
        &req.reason,
    )?;
    Ok(Reply::NoContent)
}

fn complete(ctx: &Ctx<'_>, req: &CompleteAcquiringBankServiceOrder) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    check_channel(ctx, &owner, req.out_order_no.as_str(), req.channel_id.as_ref())?;
    complete_order(
        ctx,
        &owner,
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

fn sync(ctx: &Ctx<'_>, req: &SyncAcquiringBankServiceOrder) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    check_channel(ctx, &owner, req.out_order_no.as_str(), req.channel_id.as_ref())?;
    sync_order(
        ctx,
        &owner,
        req.out_order_no.as_str(),
        Some(&req.service_id),
        None,
        &req.r#type,
        &req.detail,
    )?;
    Ok(Reply::NoContent)
}

// ---------------------------------------------------------------------------------------
// Permissions (授权).

fn pre_authorize(
    ctx: &Ctx<'_>,
    req: &PreAuthorizeAcquiringBankPermissions,
) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
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

fn query_permissions(
    ctx: &Ctx<'_>,
    req: &QueryAcquiringBankPermissionsByAuthorizationCode,
) -> Result<Reply, ApiError> {
    validated(req.validate(), "query")?;
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    let mut record = record_json(
        ctx,
        &owner,
        &req.service_id,
        None,
        &Who::Code(&req.authorization_code),
        false,
    )?;
    if let Some(map) = record.as_object_mut() {
        map.insert("channel_id".into(), json!(req.channel_id));
    }
    Ok(Reply::Json(record))
}

fn terminate_permissions(
    ctx: &Ctx<'_>,
    req: &TerminateAcquiringBankPermissionsByAuthorizationCode,
) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    terminate(ctx, &owner, &req.service_id, None, &Who::Code(&req.authorization_code), &req.reason)
}
