//! Control actions of PayScore parking: a user opening, pausing or closing the parking
//! service of a plate; a car park entry changing state (`VEHICLE.ENTRANCE_STATE_CHANGE`);
//! a charge succeeding or failing (`TRANSACTION.SUCCESS` / `TRANSACTION.FAIL`).

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{
    ControlError, MockServer, Shared,
    notify::{self, Event},
    state::{
        Owner,
        vehicle::{Parking, PlateService, Transaction},
    },
    util,
};

/// A simulated user's parking service for a plate (车牌服务): what
/// `GET /v3/vehicle/parking/services/find` answers and whether entries can be charged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParkingUser {
    /// Plate number (车牌号), e.g. `粤B888888`.
    pub plate_number: String,
    /// Plate colour (车牌颜色), e.g. `BLUE`.
    pub plate_color: String,
    /// The user's openid.
    pub openid: String,
    /// `NORMAL` (default), `PAUSE` or `OUT_SERVICE`.
    #[serde(default = "normal")]
    pub service_state: String,
    /// The merchant (default: the simulator's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mchid: Option<String>,
    /// The sub-merchant (partner mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_mchid: Option<String>,
}

fn normal() -> String {
    "NORMAL".to_owned()
}

impl ParkingUser {
    /// User `openid` has opened the service for the plate (`NORMAL`).
    #[must_use]
    pub fn new(
        plate_number: impl Into<String>,
        plate_color: impl Into<String>,
        openid: impl Into<String>,
    ) -> Self {
        Self {
            plate_number: plate_number.into(),
            plate_color: plate_color.into(),
            openid: openid.into(),
            service_state: normal(),
            mchid: None,
            sub_mchid: None,
        }
    }

    /// With service state `state` (`NORMAL`, `PAUSE`, `OUT_SERVICE`).
    #[must_use]
    pub fn with_service_state(mut self, state: impl Into<String>) -> Self {
        self.service_state = state.into();
        self
    }

    /// In partner mode, for `sub_mchid`.
    #[must_use]
    pub fn with_sub_mchid(mut self, sub_mchid: impl Into<String>) -> Self {
        self.sub_mchid = Some(sub_mchid.into());
        self
    }
}

fn owner(default_mchid: &str, mchid: Option<&String>, sub_mchid: Option<&String>) -> Owner {
    Owner {
        mchid: mchid.cloned().unwrap_or_else(|| default_mchid.to_owned()),
        sub_mchid: sub_mchid.cloned(),
    }
}

fn entrance_event(shared: &Arc<Shared>, parking: &Parking) {
    notify::send_as(
        shared,
        Event {
            kind: "VEHICLE.ENTRANCE_STATE_CHANGE",
            summary: "停车入场状态变更",
            url: parking.notify_url.clone(),
            resource: parking.event_json(util::unix_now()),
        },
        "parking",
    );
}

/// Sets the plate's service; entries of the plate not yet charged follow the new state
/// (`VEHICLE.ENTRANCE_STATE_CHANGE` for each that changes).
pub(crate) fn set_service(
    shared: &Arc<Shared>,
    default_mchid: &str,
    user: &ParkingUser,
) -> Result<Value, ControlError> {
    if !matches!(user.service_state.as_str(), "NORMAL" | "PAUSE" | "OUT_SERVICE") {
        return Err(ControlError::BadRequest(format!(
            "service_state `{}`: NORMAL, PAUSE or OUT_SERVICE",
            user.service_state
        )));
    }
    if user.plate_number.is_empty() || user.plate_color.is_empty() || user.openid.is_empty() {
        return Err(ControlError::BadRequest(
            "plate_number, plate_color and openid are required".into(),
        ));
    }
    let owner = owner(default_mchid, user.mchid.as_ref(), user.sub_mchid.as_ref());
    let service = PlateService {
        owner: owner.clone(),
        plate_number: user.plate_number.clone(),
        plate_color: user.plate_color.clone(),
        openid: user.openid.clone(),
        service_state: user.service_state.clone(),
        open_time: util::unix_now(),
    };
    let (parking_state, reason) = service.parking_state();
    let answer = service.to_json();
    let mut changed = Vec::new();
    {
        let mut state = shared.state();
        let vehicle = &mut state.vehicle;
        vehicle.services.retain(|s| {
            !(s.owner == owner
                && s.plate_number == user.plate_number
                && s.plate_color == user.plate_color)
        });
        vehicle.services.push(service);
        for parking in vehicle.parkings.values_mut() {
            if parking.owner == owner
                && parking.plate_number == user.plate_number
                && parking.plate_color == user.plate_color
                && parking.charged_by.is_none()
                && (parking.state != parking_state || parking.block_reason != reason)
            {
                parking_state.clone_into(&mut parking.state);
                parking.block_reason.clone_from(&reason);
                changed.push(parking.clone());
            }
        }
    }
    for parking in &changed {
        entrance_event(shared, parking);
    }
    Ok(answer)
}

/// Sets an entry's state (`NORMAL`, or `BLOCKED` with a reason such as `PAUSE`,
/// `OVERDUE`, `REMOVE`) and sends `VEHICLE.ENTRANCE_STATE_CHANGE` if it changed.
pub(crate) fn set_parking_state(
    shared: &Arc<Shared>,
    parking_id: &str,
    parking_state: &str,
    reason: Option<&str>,
) -> Result<Value, ControlError> {
    let reason = match (parking_state, reason) {
        ("NORMAL", _) => None,
        ("BLOCKED", reason) => Some(reason.unwrap_or("PAUSE").to_owned()),
        (other, _) => {
            return Err(ControlError::BadRequest(format!("state `{other}`: NORMAL or BLOCKED")));
        }
    };
    let changed = {
        let mut state = shared.state();
        let parking = state
            .vehicle
            .parkings
            .values_mut()
            .find(|p| p.id == parking_id)
            .ok_or_else(|| ControlError::OrderNotFound(parking_id.to_owned()))?;
        let changed = parking.state != parking_state || parking.block_reason != reason;
        parking_state.clone_into(&mut parking.state);
        parking.block_reason = reason;
        (parking.clone(), changed)
    };
    if changed.1 {
        entrance_event(shared, &changed.0);
    }
    Ok(changed.0.to_json())
}

/// Finds the owner of the charge `out_trade_no`.
fn resolve(
    shared: &Shared,
    out_trade_no: &str,
    sub_mchid: Option<&str>,
) -> Result<Owner, ControlError> {
    let state = shared.state();
    let found: Vec<&Owner> = state
        .vehicle
        .transactions
        .keys()
        .filter(|(o, no)| {
            no == out_trade_no && (sub_mchid.is_none() || o.sub_mchid.as_deref() == sub_mchid)
        })
        .map(|(o, _)| o)
        .collect();
    super::single(found, out_trade_no).cloned()
}

/// Settles an `ACCEPTED` charge: `SUCCESS` (`TRANSACTION.SUCCESS`) or `PAY_FAIL`
/// (`TRANSACTION.FAIL`).
fn settle_owned(
    shared: &Arc<Shared>,
    owner: &Owner,
    out_trade_no: &str,
    success: bool,
) -> Result<Transaction, ControlError> {
    let transaction = {
        let mut state = shared.state();
        let transaction = state
            .vehicle
            .transactions
            .get_mut(&(owner.clone(), out_trade_no.to_owned()))
            .ok_or_else(|| ControlError::OrderNotFound(out_trade_no.to_owned()))?;
        if transaction.trade_state != "ACCEPTED" {
            return Err(ControlError::InvalidState {
                out_order_no: out_trade_no.to_owned(),
                state: transaction.trade_state.clone(),
                action: if success { "paying" } else { "failing" },
                needed: "ACCEPTED",
            });
        }
        if success {
            "SUCCESS".clone_into(&mut transaction.trade_state);
            transaction.success_time = Some(util::unix_now());
        } else {
            "PAY_FAIL".clone_into(&mut transaction.trade_state);
        }
        transaction.clone()
    };
    let (kind, summary) = if success {
        ("TRANSACTION.SUCCESS", "支付成功")
    } else {
        ("TRANSACTION.FAIL", "支付失败")
    };
    notify::send_as(
        shared,
        Event {
            kind,
            summary,
            url: transaction.notify_url.clone(),
            resource: transaction.event_json(),
        },
        "transaction",
    );
    Ok(transaction)
}

pub(crate) fn settle(
    shared: &Arc<Shared>,
    out_trade_no: &str,
    sub_mchid: Option<&str>,
    success: bool,
) -> Result<Value, ControlError> {
    let owner = resolve(shared, out_trade_no, sub_mchid)?;
    settle_owned(shared, &owner, out_trade_no, success).map(|t| t.to_json())
}

/// Charges successfully after `delay` (auto-pay); nothing if no longer `ACCEPTED`.
pub(crate) fn settle_later(
    shared: &Arc<Shared>,
    owner: Owner,
    out_trade_no: String,
    delay: std::time::Duration,
) {
    let shared_task = Arc::clone(shared);
    let mut shutdown = shared.shutdown.clone();
    shared.runtime.spawn(async move {
        tokio::select! {
            () = tokio::time::sleep(delay) => {
                let _ = settle_owned(&shared_task, &owner, &out_trade_no, true);
            }
            _ = shutdown.wait_for(|stopped| *stopped) => {}
        }
    });
}

impl MockServer {
    /// Simulates a user opening (or pausing, or closing) the parking service of a plate:
    /// `GET /v3/vehicle/parking/services/find` reports it, new entries of the plate are
    /// `NORMAL` only while it is `NORMAL`, and open entries follow the change
    /// (`VEHICLE.ENTRANCE_STATE_CHANGE`). Returns the service as `find` answers it.
    ///
    /// # Errors
    ///
    /// [`ControlError::BadRequest`] for an unknown state or missing plate or openid.
    pub fn set_parking_user(&self, user: &ParkingUser) -> Result<Value, ControlError> {
        set_service(&self.shared, &self.material.mchid, user)
    }

    /// Changes the state of the entry `parking_id` (WeChat's id): `NORMAL`, or `BLOCKED`
    /// with `reason` (`PAUSE`, `OVERDUE`, `REMOVE`; default `PAUSE`), and sends
    /// `VEHICLE.ENTRANCE_STATE_CHANGE` to the entry's `notify_url` if it changed. Returns
    /// the entry.
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the entry is unknown or the state is not one of the two.
    pub fn set_parking_state(
        &self,
        parking_id: &str,
        state: &str,
        reason: Option<&str>,
    ) -> Result<Value, ControlError> {
        set_parking_state(&self.shared, parking_id, state, reason)
    }

    /// Simulates WeChat charging an `ACCEPTED` parking charge successfully: `SUCCESS`, and
    /// `TRANSACTION.SUCCESS` sent. `sub_mchid` names the sub-merchant when the number
    /// exists for several. Returns the charge as the query answers it.
    ///
    /// # Errors
    ///
    /// [`ControlError`] if the charge is unknown or not `ACCEPTED`.
    pub fn pay_parking(
        &self,
        out_trade_no: &str,
        sub_mchid: Option<&str>,
    ) -> Result<Value, ControlError> {
        settle(&self.shared, out_trade_no, sub_mchid, true)
    }

    /// Simulates a failed parking charge: `PAY_FAIL`, and `TRANSACTION.FAIL` sent.
    ///
    /// # Errors
    ///
    /// As [`MockServer::pay_parking`].
    pub fn fail_parking(
        &self,
        out_trade_no: &str,
        sub_mchid: Option<&str>,
    ) -> Result<Value, ControlError> {
        settle(&self.shared, out_trade_no, sub_mchid, false)
    }
}
