//! `POST /v3/vehicle/parking/parkings`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::Parking;
use crate::{
    types::{Check, Rfc3339, ValidationError, redacted_debug, required_text},
    vehicle::{PlateColor, check_id},
};

/// Registers a car entering a car park (创建停车入场, direct merchant).
///
/// `POST /v3/vehicle/parking/parkings`
///
/// Official docs: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_8_2.shtml>
///
/// Call it once the car has entered. The answer's `id` is the parking id to charge later;
/// `state` says whether PayScore can charge this parking. Changes of that state until the
/// car leaves are sent to `notify_url` as `VEHICLE.ENTRANCE_STATE_CHANGE`. `Debug` redacts
/// `plate_number`.
#[endpoint(POST, "v3/vehicle/parking/parkings", response = Parking)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreateParking {
    /// The merchant's entry id (商户入场id), unique per merchant.
    pub out_parking_no: String,
    /// Plate number (车牌号): province and number only, e.g. `粤B888888`.
    pub plate_number: String,
    /// Plate colour (车牌颜色).
    pub plate_color: PlateColor,
    /// Where WeChat sends the entry state notifications (回调通知url).
    pub notify_url: String,
    /// Entry time (入场时间), RFC 3339.
    pub start_time: Rfc3339,
    /// Car park name (停车场名称).
    pub parking_name: String,
    /// Free duration in seconds (免费时长).
    pub free_duration: u64,
}

redacted_debug!(CreateParking {
    out_parking_no, plate_color, notify_url, start_time, parking_name, free_duration,
} redact { plate_number });

impl CreateParking {
    /// Checks before sending: ids and texts present, plate number at most 32 characters,
    /// no 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_entry(&self.out_parking_no, &self.plate_number, &self.notify_url, &self.parking_name)
    }
}

/// The fields both forms of the entry share.
fn check_entry(out_parking_no: &str, plate_number: &str, notify_url: &str, name: &str) -> Check {
    required_text("out_parking_no", out_parking_no, None)?;
    check_id("plate_number", plate_number)?;
    required_text("notify_url", notify_url, None)?;
    required_text("parking_name", name, None)
}

/// Registers a car entering a car park of sub-merchant `sub_mchid` (创建停车入场, partner).
///
/// `POST /v3/vehicle/parking/parkings`
///
/// Official docs: <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_8_2.shtml>
///
/// The same path as [`CreateParking`], with `sub_mchid` (子商户号). Charge the parking with
/// the same `sub_mchid`. `Debug` redacts `plate_number`.
#[endpoint(POST, "v3/vehicle/parking/parkings", response = Parking)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct CreatePartnerParking {
    /// The sub-merchant (子商户号).
    pub sub_mchid: String,
    /// The merchant's entry id (商户入场id).
    pub out_parking_no: String,
    /// Plate number (车牌号).
    pub plate_number: String,
    /// Plate colour (车牌颜色).
    pub plate_color: PlateColor,
    /// Where WeChat sends the entry state notifications (回调通知url).
    pub notify_url: String,
    /// Entry time (入场时间), RFC 3339.
    pub start_time: Rfc3339,
    /// Car park name (停车场名称).
    pub parking_name: String,
    /// Free duration in seconds (免费时长).
    pub free_duration: u64,
}

redacted_debug!(CreatePartnerParking {
    sub_mchid, out_parking_no, plate_color, notify_url, start_time, parking_name, free_duration,
} redact { plate_number });

impl CreatePartnerParking {
    /// Checks before sending: `sub_mchid` at most 32 characters, then as
    /// [`CreateParking::validate`].
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_id("sub_mchid", &self.sub_mchid)?;
        check_entry(&self.out_parking_no, &self.plate_number, &self.notify_url, &self.parking_name)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        test_support::{assert_request, client, prepare, signed_response},
        vehicle::parking::ParkingState,
    };

    const ANSWER: &str = r#"{"id":"5K8264ILTKCH16CQ250","out_parking_no":"212434321","plate_number":"粤B888888","plate_color":"BLUE","start_time":"2017-08-26T10:43:39+08:00","parking_name":"欢乐海岸停车场","free_duration":3600,"state":"NORMAL"}"#;

    fn direct() -> CreateParking {
        CreateParking::builder()
            .out_parking_no("1231243")
            .plate_number("粤B888888")
            .plate_color(PlateColor::Blue)
            .notify_url("https://yoursite.com/wxpay.html")
            .start_time("2017-08-26T10:43:39+08:00".parse().unwrap())
            .parking_name("欢乐海岸停车场")
            .free_duration(3600)
            .build()
    }

    #[test]
    fn prepares_the_direct_request() {
        assert_request(
            &direct(),
            "POST",
            "https://api.mch.weixin.qq.com/v3/vehicle/parking/parkings",
            r#"{"out_parking_no":"1231243","plate_number":"粤B888888","plate_color":"BLUE","notify_url":"https://yoursite.com/wxpay.html","start_time":"2017-08-26T10:43:39+08:00","parking_name":"欢乐海岸停车场","free_duration":3600}"#,
        );
        let decoded: CreateParking = serde_json::from_slice(prepare(&direct()).body()).unwrap();
        assert_eq!(decoded, direct());
        assert_eq!(direct().validate(), Ok(()));
        assert!(!format!("{:?}", direct()).contains("粤B888888"));
        let mut bad = direct();
        bad.notify_url = String::new();
        assert_eq!(
            bad.validate(),
            Err(crate::ValidationError::Missing { field: "notify_url".into() })
        );
    }

    #[test]
    fn prepares_the_partner_request() {
        let partner = CreatePartnerParking::builder()
            .sub_mchid("1900000109")
            .out_parking_no("1231243")
            .plate_number("粤B888888")
            .plate_color(PlateColor::Blue)
            .notify_url("https://yoursite.com/wxpay.html")
            .start_time("2017-08-26T10:43:39+08:00".parse().unwrap())
            .parking_name("欢乐海岸停车场")
            .free_duration(3600)
            .build();
        assert_request(
            &partner,
            "POST",
            "https://api.mch.weixin.qq.com/v3/vehicle/parking/parkings",
            r#"{"sub_mchid":"1900000109","out_parking_no":"1231243","plate_number":"粤B888888","plate_color":"BLUE","notify_url":"https://yoursite.com/wxpay.html","start_time":"2017-08-26T10:43:39+08:00","parking_name":"欢乐海岸停车场","free_duration":3600}"#,
        );
        assert_eq!(partner.validate(), Ok(()));
        let mut bad = partner;
        bad.sub_mchid = "1".repeat(33);
        assert!(matches!(bad.validate(), Err(crate::ValidationError::TooLong { max: 32, .. })));
    }

    #[tokio::test]
    async fn executes_and_decodes_the_documented_answer() {
        let client = client();
        client.transport().push_response(signed_response(200, ANSWER));
        let parking = direct().execute(&client).await.unwrap();
        assert_eq!(parking.id, "5K8264ILTKCH16CQ250");
        assert_eq!(parking.state, ParkingState::Normal);
        assert_eq!(parking.block_reason, None);
    }
}
