//! `/v3/vehicle/parking/...`: the user's parking service state and car park entries.

mod parkings;
mod services_find;

use serde::{Deserialize, Serialize};

pub use parkings::{CreateParking, CreatePartnerParking};
pub use services_find::{FindParkingService, FindPartnerParkingService};

use super::PlateColor;
use crate::types::{Rfc3339, redacted_debug, string_enum};

string_enum! {
    /// Whether the user's parking service works for a plate (`service_state`, 车牌服务开通状态).
    pub enum ParkingServiceState {
        /// `NORMAL`: opened and working (正常服务).
        Normal = "NORMAL",
        /// `PAUSE`: opened but paused (暂停服务).
        Pause = "PAUSE",
        /// `OUT_SERVICE`: not opened (未开通).
        OutService = "OUT_SERVICE",
    }
}

string_enum! {
    /// Whether a parking can be charged (`state`, 停车入场状态).
    pub enum ParkingState {
        /// `NORMAL`: the parking can be charged through PayScore (正常).
        Normal = "NORMAL",
        /// `BLOCKED`: it cannot (不可用); see `block_reason`.
        Blocked = "BLOCKED",
    }
}

string_enum! {
    /// Why a parking is `BLOCKED` (`block_reason`, 不可用状态描述). WeChat's pages list the
    /// values without explaining them.
    pub enum ParkingBlockReason {
        /// `PAUSE`: the user's service is paused.
        Pause = "PAUSE",
        /// `OVERDUE`: the user has an overdue (unpaid) charge.
        Overdue = "OVERDUE",
        /// `OUT_SERVICE`: the service is not opened for the plate.
        OutService = "OUT_SERVICE",
        /// `EVALUATION_FAILED`: WeChat's evaluation of the user failed.
        EvaluationFailed = "EVALUATION_FAILED",
    }
}

/// The answer of [`FindParkingService`] and [`FindPartnerParkingService`]
/// (车牌服务开通信息). `Debug` redacts `openid` and `plate_number`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParkingService {
    /// Plate number (车牌号).
    pub plate_number: String,
    /// Plate colour (车牌颜色).
    pub plate_color: PlateColor,
    /// When the user opened the service for this plate (车牌服务开通时间).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_open_time: Option<Rfc3339>,
    /// The user's openid (用户标识). Personal data.
    pub openid: String,
    /// The service state (车牌服务开通状态).
    pub service_state: ParkingServiceState,
}

redacted_debug!(ParkingService {
    plate_color, service_open_time, service_state,
} redact { plate_number, openid });

/// A car park entry as WeChat registered it: the answer of [`CreateParking`] and
/// [`CreatePartnerParking`] (停车入场). `Debug` redacts `plate_number`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Parking {
    /// WeChat's parking id (停车入场id): send it as `parking_info.parking_id` when charging.
    pub id: String,
    /// The merchant's entry id (商户入场id).
    pub out_parking_no: String,
    /// Plate number (车牌号).
    pub plate_number: String,
    /// Plate colour (车牌颜色).
    pub plate_color: PlateColor,
    /// Entry time (入场时间).
    pub start_time: Rfc3339,
    /// Car park name (停车场名称).
    pub parking_name: String,
    /// Free duration in seconds (免费时长).
    pub free_duration: u64,
    /// Whether the parking can be charged (停车入场状态).
    pub state: ParkingState,
    /// Why not, when `BLOCKED` (不可用状态描述).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_reason: Option<ParkingBlockReason>,
}

redacted_debug!(Parking {
    id, out_parking_no, plate_color, start_time, parking_name, free_duration, state,
    block_reason,
} redact { plate_number });

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::test_support::decode;

    #[test]
    fn decodes_the_documented_answers() {
        let service: ParkingService = decode(
            r#"{"plate_number":"粤B888888","plate_color":"BLUE","service_open_time":"2017-08-26T10:43:39+08:00",
                "openid":"oUpF8uMuAJOM2pxb1Q","service_state":"PAUSE"}"#,
        );
        assert_eq!(service.service_state, ParkingServiceState::Pause);
        assert_eq!(service.plate_color, PlateColor::Blue);
        assert!(!format!("{service:?}").contains("oUpF8uMuAJOM2pxb1Q"));

        let parking: Parking = decode(
            r#"{"id":"5K8264ILTKCH16CQ250","out_parking_no":"212434321","plate_number":"粤B888888",
                "plate_color":"BLUE","start_time":"2017-08-26T10:43:39+08:00","parking_name":"欢乐海岸停车场",
                "free_duration":3600,"state":"BLOCKED","block_reason":"EVALUATION_FAILED"}"#,
        );
        assert_eq!(parking.id, "5K8264ILTKCH16CQ250");
        assert_eq!(parking.state, ParkingState::Blocked);
        assert_eq!(parking.block_reason, Some(ParkingBlockReason::EvaluationFailed));
        assert_eq!(parking.free_duration, 3600);
        for debug in [format!("{parking:?}"), format!("{service:?}")] {
            assert!(!debug.contains("粤B888888"), "{debug}");
            assert!(debug.contains("plate_number: <redacted>"), "{debug}");
        }
    }
}
