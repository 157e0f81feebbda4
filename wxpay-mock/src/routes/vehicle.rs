//! PayScore parking (微信支付分停车, `/v3/vehicle/...`), direct and partner on the same
//! paths (partner requests carry `sub_mchid`): the plate's service state, car park entries
//! (with `VEHICLE.ENTRANCE_STATE_CHANGE` when a control action changes them), charges
//! (`ACCEPTED`, then `TRANSACTION.SUCCESS` / `TRANSACTION.FAIL` once a control action or
//! auto-pay settles them) and their query.

use wxpay_payscore::vehicle::{
    ParkingAmount, ParkingInfo,
    parking::{CreateParking, CreatePartnerParking, FindParkingService, FindPartnerParkingService},
    transactions::{
        ChargeParking, ChargePartnerParking, QueryParkingTransaction,
        QueryPartnerParkingTransaction,
    },
};

use super::{Ctx, Reply, Route, check_notify_url, checks::validated, service_order::to_json};
use crate::{
    error::ApiError,
    state::{
        Owner,
        vehicle::{Parking, PlateService, Transaction},
    },
    util,
};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::by_sub_mchid::<FindParkingService, FindPartnerParkingService>(
            find_direct,
            find_partner,
        ),
        Route::by_sub_mchid::<CreateParking, CreatePartnerParking>(enter_direct, enter_partner),
        Route::by_sub_mchid::<ChargeParking, ChargePartnerParking>(charge_direct, charge_partner),
        Route::by_sub_mchid::<QueryParkingTransaction, QueryPartnerParkingTransaction>(
            query_direct,
            query_partner,
        ),
    ]
}

// ---------------------------------------------------------------------------------------
// 查询车牌服务开通信息

fn find_direct(ctx: &Ctx<'_>, req: &FindParkingService) -> Result<Reply, ApiError> {
    validated(req.validate(), "query")?;
    Ok(find(
        ctx,
        &Owner::direct(ctx.mchid),
        &req.plate_number,
        req.plate_color.as_str(),
        &req.openid,
    ))
}

fn find_partner(ctx: &Ctx<'_>, req: &FindPartnerParkingService) -> Result<Reply, ApiError> {
    validated(req.validate(), "query")?;
    let owner = Owner::partner(ctx.mchid, &req.sub_mchid);
    Ok(find(ctx, &owner, &req.plate_number, req.plate_color.as_str(), &req.openid))
}

/// The plate's service for this user; a plate the user has not opened is `OUT_SERVICE`.
fn find(ctx: &Ctx<'_>, owner: &Owner, plate: &str, color: &str, openid: &str) -> Reply {
    let state = ctx.shared.state();
    let service = state
        .vehicle
        .service(owner, plate, color)
        .filter(|s| s.openid == openid)
        .cloned()
        .unwrap_or_else(|| PlateService {
            owner: owner.clone(),
            plate_number: plate.to_owned(),
            plate_color: color.to_owned(),
            openid: openid.to_owned(),
            service_state: "OUT_SERVICE".to_owned(),
            open_time: 0,
        });
    Reply::Json(service.to_json())
}

// ---------------------------------------------------------------------------------------
// 创建停车入场

/// What an entry carries (both forms).
struct Entry<'a> {
    out_parking_no: &'a str,
    plate_number: &'a str,
    plate_color: &'a str,
    notify_url: &'a str,
    start_time: String,
    parking_name: &'a str,
    free_duration: u64,
}

fn enter_direct(ctx: &Ctx<'_>, req: &CreateParking) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    enter(
        ctx,
        Owner::direct(ctx.mchid),
        &Entry {
            out_parking_no: &req.out_parking_no,
            plate_number: &req.plate_number,
            plate_color: req.plate_color.as_str(),
            notify_url: &req.notify_url,
            start_time: req.start_time.to_string(),
            parking_name: &req.parking_name,
            free_duration: req.free_duration,
        },
    )
}

fn enter_partner(ctx: &Ctx<'_>, req: &CreatePartnerParking) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    enter(
        ctx,
        Owner::partner(ctx.mchid, &req.sub_mchid),
        &Entry {
            out_parking_no: &req.out_parking_no,
            plate_number: &req.plate_number,
            plate_color: req.plate_color.as_str(),
            notify_url: &req.notify_url,
            start_time: req.start_time.to_string(),
            parking_name: &req.parking_name,
            free_duration: req.free_duration,
        },
    )
}

/// Registers the entry: `NORMAL` when the plate's service is, else `BLOCKED` with the
/// reason. The same `out_parking_no` with the same parameters answers the same entry.
fn enter(ctx: &Ctx<'_>, owner: Owner, entry: &Entry<'_>) -> Result<Reply, ApiError> {
    check_notify_url(ctx.shared, entry.notify_url, "/notify_url")?;
    let mut state = ctx.shared.state();
    let key = (owner.clone(), entry.out_parking_no.to_owned());
    if let Some(existing) = state.vehicle.parkings.get(&key) {
        if existing.request != *ctx.raw {
            return Err(ApiError::invalid("商户入场id已存在，且请求参数与已有入场信息不一致"));
        }
        return Ok(Reply::Json(existing.to_json()));
    }
    let (parking_state, block_reason) = state
        .vehicle
        .service(&owner, entry.plate_number, entry.plate_color)
        .map_or(("BLOCKED", Some("OUT_SERVICE".to_owned())), PlateService::parking_state);
    let parking = Parking {
        owner,
        id: format!("{}{}", util::random_digits(4), util::random_alnum(15).to_ascii_uppercase()),
        out_parking_no: entry.out_parking_no.to_owned(),
        plate_number: entry.plate_number.to_owned(),
        plate_color: entry.plate_color.to_owned(),
        start_time: entry.start_time.clone(),
        parking_name: entry.parking_name.to_owned(),
        free_duration: entry.free_duration,
        state: parking_state.to_owned(),
        block_reason,
        notify_url: entry.notify_url.to_owned(),
        request: ctx.raw.clone(),
        charged_by: None,
    };
    let answer = parking.to_json();
    state.vehicle.parkings.insert(key, parking);
    Ok(Reply::Json(answer))
}

// ---------------------------------------------------------------------------------------
// 扣费受理

/// What a charge carries (both forms).
struct Charge<'a> {
    appid: &'a str,
    sub_appid: Option<&'a str>,
    description: &'a str,
    attach: Option<&'a String>,
    out_trade_no: &'a str,
    notify_url: &'a str,
    amount: &'a ParkingAmount,
    parking_info: Option<&'a ParkingInfo>,
}

fn charge_direct(ctx: &Ctx<'_>, req: &ChargeParking) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    charge(
        ctx,
        Owner::direct(ctx.mchid),
        &Charge {
            appid: &req.appid,
            sub_appid: None,
            description: &req.description,
            attach: req.attach.as_ref(),
            out_trade_no: &req.out_trade_no,
            notify_url: &req.notify_url,
            amount: &req.amount,
            parking_info: req.parking_info.as_ref(),
        },
    )
}

fn charge_partner(ctx: &Ctx<'_>, req: &ChargePartnerParking) -> Result<Reply, ApiError> {
    validated(req.validate(), "body")?;
    charge(
        ctx,
        Owner::partner(ctx.mchid, &req.sub_mchid),
        &Charge {
            appid: &req.appid,
            sub_appid: Some(&req.sub_appid),
            description: &req.description,
            attach: req.attach.as_ref(),
            out_trade_no: &req.out_trade_no,
            notify_url: &req.notify_url,
            amount: &req.amount,
            parking_info: req.parking_info.as_ref(),
        },
    )
}

/// Checks the parking against its entry and accepts the charge (`ACCEPTED`). Repeating an
/// `out_trade_no` with the same parameters answers the charge as it stands.
fn charge(ctx: &Ctx<'_>, owner: Owner, charge: &Charge<'_>) -> Result<Reply, ApiError> {
    check_notify_url(ctx.shared, charge.notify_url, "/notify_url")?;
    let Some(info) = charge.parking_info else {
        return Err(ApiError::param(
            "输入源“/body/parking_info”映射到字段“parking_info”必填性规则校验失败，此字段为必填项",
            "/parking_info",
            "body",
        ));
    };
    if charge.amount.total.as_fen() == 0 {
        return Err(ApiError::param("订单金额必须大于0", "/amount/total", "body"));
    }
    if charge.amount.currency.as_deref().is_some_and(|c| c != "CNY") {
        return Err(ApiError::param("货币类型仅支持CNY", "/amount/currency", "body"));
    }
    let start = info.start_time.date_time().unix_timestamp();
    let end = info.end_time.date_time().unix_timestamp();
    if end <= start {
        return Err(ApiError::param("出场时间必须晚于入场时间", "/parking_info/end_time", "body"));
    }
    if end > util::unix_now() + ctx.shared.config.max_skew {
        return Err(ApiError::param("出场时间不能晚于当前时间", "/parking_info/end_time", "body"));
    }
    let mut state = ctx.shared.state();
    let key = (owner.clone(), charge.out_trade_no.to_owned());
    if let Some(existing) = state.vehicle.transactions.get(&key) {
        if existing.request != *ctx.raw {
            return Err(ApiError::invalid("商户订单号重复，且请求参数与原订单不一致"));
        }
        return Ok(Reply::Json(existing.to_json()));
    }
    let openid = {
        let parking =
            state.vehicle.parking_by_id_mut(&owner, &info.parking_id).ok_or_else(|| {
                ApiError::param("停车入场id不存在", "/parking_info/parking_id", "body")
            })?;
        if parking.plate_number != info.plate_number
            || parking.plate_color != info.plate_color.as_str()
        {
            return Err(ApiError::param(
                "车牌信息与停车入场信息不一致",
                "/parking_info/plate_number",
                "body",
            ));
        }
        if parking.charged_by.is_some() {
            return Err(ApiError::invalid("该停车入场已发起过扣费，请勿重复扣费"));
        }
        if parking.state != "NORMAL" {
            return Err(ApiError::invalid("停车入场状态不可用，无法使用微信支付分扣费"));
        }
        parking.charged_by = Some(charge.out_trade_no.to_owned());
        (parking.plate_number.clone(), parking.plate_color.clone())
    };
    let openid = state
        .vehicle
        .service(&owner, &openid.0, &openid.1)
        .map(|s| s.openid.clone())
        .unwrap_or_default();
    let transaction = Transaction {
        owner,
        out_trade_no: charge.out_trade_no.to_owned(),
        appid: charge.appid.to_owned(),
        sub_appid: charge.sub_appid.map(str::to_owned),
        description: charge.description.to_owned(),
        attach: charge.attach.cloned(),
        create_time: util::unix_now(),
        transaction_id: format!("42000{}", util::random_digits(23)),
        trade_state: "ACCEPTED".to_owned(),
        success_time: None,
        parking_info: to_json(info),
        openid,
        total: charge.amount.total.as_fen(),
        currency: charge.amount.currency.clone().unwrap_or_else(|| "CNY".to_owned()),
        notify_url: charge.notify_url.to_owned(),
        request: ctx.raw.clone(),
    };
    let answer = transaction.to_json();
    let owner = transaction.owner.clone();
    state.vehicle.transactions.insert(key, transaction);
    drop(state);
    if let Some(delay) = ctx.shared.config.auto_pay {
        crate::control::vehicle::settle_later(
            ctx.shared,
            owner,
            charge.out_trade_no.to_owned(),
            delay,
        );
    }
    Ok(Reply::Json(answer))
}

// ---------------------------------------------------------------------------------------
// 查询订单

fn query_direct(ctx: &Ctx<'_>, req: &QueryParkingTransaction) -> Result<Reply, ApiError> {
    validated(req.validate(), "query")?;
    query(ctx, &Owner::direct(ctx.mchid), &req.out_trade_no)
}

fn query_partner(ctx: &Ctx<'_>, req: &QueryPartnerParkingTransaction) -> Result<Reply, ApiError> {
    validated(req.validate(), "query")?;
    query(ctx, &Owner::partner(ctx.mchid, &req.sub_mchid), &req.out_trade_no)
}

fn query(ctx: &Ctx<'_>, owner: &Owner, out_trade_no: &str) -> Result<Reply, ApiError> {
    let state = ctx.shared.state();
    let transaction = state
        .vehicle
        .transactions
        .get(&(owner.clone(), out_trade_no.to_owned()))
        .ok_or_else(ApiError::order_not_exist)?;
    Ok(Reply::Json(transaction.to_json()))
}
