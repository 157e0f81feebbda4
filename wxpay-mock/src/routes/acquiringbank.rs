//! Acquiring institutions (从业机构, `/v3/payscore/acquiringbank/serviceorder...`): the
//! partner service-order machine again, the orders of the sub-merchant kept with their
//! `channel_id` (渠道商商户号). Create and query answer the order; cancel, modify, complete
//! and sync answer `204`. The control actions of partner orders (`confirm_order`,
//! `pay_order` with an [`OrderKey::partner`](crate::OrderKey::partner)) drive them.
//! Pay-on-delivery orders (`servicepayondeliveryorder`) join the same machine.
//! `registerdeductinfo` and `deduction` keep the institution's deduction number of a
//! completed order. Completing an order sends `PAYSCORE.MCH_PREPAY` (商户预下单通知) with the
//! prepay parameters. The permissions (pre-authorize, query and terminate by `authorization_code`) are the
//! partner authorization records, completed by `open_service` with the code.

use serde_json::json;
use wxpay_payscore::acquiringbank::{
    CreateAcquiringBankPayOnDeliveryOrder,
    permissions::{
        PreAuthorizeAcquiringBankPermissions, QueryAcquiringBankPermissionsByAuthorizationCode,
        TerminateAcquiringBankPermissionsByAuthorizationCode,
    },
    service_order::{
        CancelAcquiringBankServiceOrder, CompleteAcquiringBankServiceOrder,
        CreateAcquiringBankServiceOrder, ModifyAcquiringBankServiceOrder,
        QueryAcquiringBankDeduction, QueryAcquiringBankServiceOrder,
        RegisterAcquiringBankDeductInfo, SyncAcquiringBankServiceOrder,
    },
};

use super::{
    Ctx, Reply, Route,
    checks::validated,
    pay_on_delivery::with_shopping_info,
    permissions::{PreAuth, Who, record_json, record_pre_authorization, terminate},
    service_order::{
        Completion, NewOrder, cancel_order, complete_order, create_order, lookup, modify_order,
        new_order, sync_order, to_json,
    },
};
use crate::{
    error::ApiError,
    notify::{self, Event},
    state::{CREATE_KEYS, ORDER_KEYS, Order, Owner, Phase},
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreateAcquiringBankServiceOrder>(create),
        Route::endpoint::<QueryAcquiringBankServiceOrder>(query),
        Route::endpoint::<CancelAcquiringBankServiceOrder>(cancel),
        Route::endpoint::<ModifyAcquiringBankServiceOrder>(modify),
        Route::endpoint::<CompleteAcquiringBankServiceOrder>(complete),
        Route::endpoint::<SyncAcquiringBankServiceOrder>(sync),
        Route::endpoint::<CreateAcquiringBankPayOnDeliveryOrder>(create_pay_on_delivery),
        Route::endpoint::<RegisterAcquiringBankDeductInfo>(register_deduct_info),
        Route::endpoint::<QueryAcquiringBankDeduction>(deduction),
        Route::endpoint::<PreAuthorizeAcquiringBankPermissions>(pre_authorize),
        Route::endpoint::<QueryAcquiringBankPermissionsByAuthorizationCode>(query_permissions),
        Route::endpoint::<TerminateAcquiringBankPermissionsByAuthorizationCode>(
            terminate_permissions,
        ),
    ]
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
    Ok(Reply::Json(ctx.shared.state().family_view(&order, CREATE_KEYS)))
}

fn query(ctx: &Ctx<'_>, req: &QueryAcquiringBankServiceOrder) -> Result<Reply, ApiError> {
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    let order = lookup(ctx, &owner, &req.lookup, Some(&req.service_id), None)?;
    check_channel(ctx, &owner, &order.out_order_no, Some(&req.channel_id))?;
    Ok(Reply::Json(ctx.shared.state().family_view(&order, ORDER_KEYS)))
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
    let was_confirmed = ctx
        .shared
        .state()
        .order(&owner, req.out_order_no.as_str())
        .is_some_and(|order| order.phase == Phase::UserConfirm);
    let order = complete_order(
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
    if was_confirmed && order.phase == Phase::MchComplete {
        mch_prepay(ctx, &order);
    }
    Ok(Reply::NoContent)
}

/// `PAYSCORE.MCH_PREPAY` (商户预下单通知): once an institution's order is completed with an
/// amount to collect, WeChat asks the institution to create the cashier order, giving the
/// parameters of that prepay request.
fn mch_prepay(ctx: &Ctx<'_>, order: &Order) {
    let (channel_id, total) = {
        let state = ctx.shared.state();
        let key = (order.owner.clone(), order.out_order_no.clone());
        (state.acquiring_channel.get(&key).cloned(), order.total_amount.unwrap_or(0))
    };
    let now = util::unix_now();
    let resource = json!({
        "service_id": order.service_id,
        "appid": order.appid,
        "mchid": order.owner.mchid,
        "sub_appid": order.sub_appid,
        "sub_mchid": order.owner.sub_mchid,
        "channel_id": channel_id,
        "out_order_no": order.out_order_no,
        "openid": order.openid,
        "sub_openid": order.sub_openid,
        "total_amount": total,
        "prepay_req_body": {
            "appid": order.appid,
            "mchid": order.owner.mchid,
            "sub_appid": order.sub_appid,
            "sub_mchid": order.owner.sub_mchid,
            "channel_id": channel_id,
            "nonce_str": util::random_alnum(32),
            "body": order.service_introduction,
            "attach": order.attach,
            "fee_type": "CNY",
            "time_start": util::service_time(now),
            "time_expire": util::service_time(now + 2 * 3600),
            "notify_url": order.notify_url,
            "trade_type": "JSAPI",
            "openid": order.openid,
            "sub_openid": order.sub_openid,
        },
    });
    notify::send(
        ctx.shared,
        Event {
            kind: "PAYSCORE.MCH_PREPAY",
            summary: "商户预下单",
            url: order.notify_url.clone(),
            resource: util::without_nulls(resource),
        },
    );
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
// 先用后付 (pay on delivery).

/// A pay-on-delivery order: an order of the same machine (complete, cancel, … as above),
/// with its `shopping_info`; without `notify_url` the server's service notification URL
/// receives its events.
fn create_pay_on_delivery(
    ctx: &Ctx<'_>,
    req: &CreateAcquiringBankPayOnDeliveryOrder,
) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    let required = |field: &str| {
        ApiError::param(
            format!("输入源“/body/{field}”映射到字段“{field}”必填性规则校验失败，此字段为必填项"),
            &format!("/{field}"),
            "body",
        )
    };
    let sub_mchid = req.sub_mchid.as_deref().ok_or_else(|| required("sub_mchid"))?;
    if req.mchid.as_deref().is_some_and(|m| m != ctx.mchid) {
        return Err(ApiError::invalid("mchid与请求商户号不一致"));
    }
    let notify_url = req
        .notify_url
        .clone()
        .or_else(|| ctx.shared.config.service_notify_url.clone())
        .ok_or_else(|| required("notify_url"))?;
    let owner = Owner::partner(ctx.mchid, sub_mchid);
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
            risk_fund: req.risk_fund.as_ref(),
            time_range: &req.time_range,
            location: req.location.as_ref(),
            attach: req.attach.as_deref(),
            notify_url: &notify_url,
            openid: req.openid.as_deref(),
            sub_openid: req.sub_openid.as_deref(),
        },
    );
    let order = create_order(ctx, order, req.need_user_confirm)?;
    if let Some(channel) = &req.channel_id {
        ctx.shared
            .state()
            .acquiring_channel
            .entry((owner, order.out_order_no.clone()))
            .or_insert_with(|| channel.clone());
    }
    let shopping = req.shopping_info.as_ref().map(to_json);
    Ok(Reply::Json(with_shopping_info(ctx, &order, shopping)))
}

// ---------------------------------------------------------------------------------------
// Deductions through the clearing house (登记扣款信息, 查询扣款信息).

/// Registers the institution's deduction number of a completed order being charged
/// (`DOING`/`MCH_COMPLETE`); the answer's `description` is the order's.
fn register_deduct_info(
    ctx: &Ctx<'_>,
    req: &RegisterAcquiringBankDeductInfo,
) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    let no = req.out_order_no.as_str();
    check_channel(ctx, &owner, no, Some(&req.channel_id))?;
    let mut state = ctx.shared.state();
    let order = state
        .order(&owner, no)
        .filter(|o| o.service_id == req.service_id)
        .ok_or_else(ApiError::order_not_exist)?;
    if order.phase != Phase::MchComplete {
        return Err(ApiError::bad_state());
    }
    let description = order.service_introduction.clone();
    let out_trade_no = req.out_trade_no.clone().unwrap_or_else(|| no.to_owned());
    state.acquiring_deductions.insert((owner, no.to_owned()), out_trade_no);
    Ok(Reply::Json(json!({ "description": description })))
}

/// The registered deduction of an order.
fn deduction(ctx: &Ctx<'_>, req: &QueryAcquiringBankDeduction) -> Result<Reply, ApiError> {
    let Some(no) = &req.out_order_no else {
        return Err(ApiError::param(
            "输入源“/query/out_order_no”映射到字段“out_order_no”必填性规则校验失败，此字段为必填项",
            "out_order_no",
            "query",
        ));
    };
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    check_channel(ctx, &owner, no.as_str(), Some(&req.channel_id))?;
    let state = ctx.shared.state();
    let order = state
        .order(&owner, no.as_str())
        .filter(|o| o.service_id == req.service_id && o.appid == req.appid)
        .ok_or_else(ApiError::order_not_exist)?;
    let out_trade_no = state
        .acquiring_deductions
        .get(&(owner.clone(), no.as_str().to_owned()))
        .ok_or_else(|| ApiError::resource_not_exists("扣款信息不存在，请先登记扣款信息"))?;
    Ok(Reply::Json(
        json!({ "description": order.service_introduction, "out_trade_no": out_trade_no }),
    ))
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
