//! `GET /v3/vehicle/parking/services/find`

use serde::Deserialize;
use wxpay_core::endpoint;

use super::ParkingService;
use crate::{
    types::{ValidationError, redacted_debug},
    vehicle::{PlateColor, check_id},
};

/// Finds whether a user opened the parking service for a plate (查询车牌服务开通信息,
/// direct merchant).
///
/// `GET /v3/vehicle/parking/services/find`
///
/// Official docs: <https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter8_8_1.shtml>
///
/// Parking only: ask first whether this plate has the 车主服务 opened by this user, and
/// whether it is working (`NORMAL`), paused (`PAUSE`) or not opened (`OUT_SERVICE`).
/// `Debug` redacts `openid` and `plate_number`.
#[endpoint(GET, "v3/vehicle/parking/services/find", response = ParkingService)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct FindParkingService {
    /// Query: app ID (公众账号ID).
    pub appid: String,
    /// Query: plate number (车牌号): province and number only, e.g. `粤B888888`.
    pub plate_number: String,
    /// Query: plate colour (车牌颜色).
    pub plate_color: PlateColor,
    /// Query: the user's openid under `appid` (用户标识). Personal data.
    pub openid: String,
}

impl FindParkingService {
    /// Checks the documented lengths before sending (ids, plate number and openid at most
    /// 32 characters) and that no text has 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_id("appid", &self.appid)?;
        check_id("plate_number", &self.plate_number)?;
        check_id("openid", &self.openid)
    }
}

redacted_debug!(FindParkingService { appid, plate_color } redact { plate_number, openid });

/// Finds whether a user opened the parking service for a plate (查询车牌服务开通信息,
/// partner), for sub-merchant `sub_mchid`.
///
/// `GET /v3/vehicle/parking/services/find`
///
/// Official docs: <https://pay.weixin.qq.com/wiki/doc/apiv3_partner/apis/chapter8_8_1.shtml>
///
/// The same path as [`FindParkingService`], with `sub_mchid` (子商户号, required in partner
/// mode). `Debug` redacts `openid` and `plate_number`.
#[endpoint(GET, "v3/vehicle/parking/services/find", response = ParkingService)]
#[derive(Clone, PartialEq, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct FindPartnerParkingService {
    /// Query: app ID (公众账号ID).
    pub appid: String,
    /// Query: the sub-merchant (子商户号).
    pub sub_mchid: String,
    /// Query: plate number (车牌号).
    pub plate_number: String,
    /// Query: plate colour (车牌颜色).
    pub plate_color: PlateColor,
    /// Query: the user's openid under `appid` (用户标识). Personal data.
    pub openid: String,
}

impl FindPartnerParkingService {
    /// Checks the documented lengths before sending (ids, plate number and openid at most
    /// 32 characters) and that no text has 4-byte characters.
    ///
    /// # Errors
    ///
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_id("appid", &self.appid)?;
        check_id("sub_mchid", &self.sub_mchid)?;
        check_id("plate_number", &self.plate_number)?;
        check_id("openid", &self.openid)
    }
}

redacted_debug!(FindPartnerParkingService {
    appid, sub_mchid, plate_color,
} redact { plate_number, openid });

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{
        test_support::{assert_query_round_trips, assert_request, client, signed_response},
        vehicle::parking::ParkingServiceState,
    };

    const ANSWER: &str = r#"{"plate_number":"粤B888888","plate_color":"BLUE","service_open_time":"2017-08-26T10:43:39+08:00","openid":"oUpF8uMuAJOM2pxb1Q","service_state":"NORMAL"}"#;

    #[test]
    fn prepares_the_direct_request() {
        let find = FindParkingService::builder()
            .appid("wxcbda96de0b165486")
            .plate_number("粤B888888")
            .plate_color(PlateColor::Blue)
            .openid("oUpF8uMuAJOM2pxb1Q")
            .build();
        assert_request(
            &find,
            "GET",
            "https://api.mch.weixin.qq.com/v3/vehicle/parking/services/find?appid=wxcbda96de0b165486&plate_number=%E7%B2%A4B888888&plate_color=BLUE&openid=oUpF8uMuAJOM2pxb1Q",
            "",
        );
        assert_query_round_trips(&find, &[]);
        assert!(!format!("{find:?}").contains("oUpF8uMuAJOM2pxb1Q"));
        assert!(!format!("{find:?}").contains("粤B888888"));
        assert_eq!(find.validate(), Ok(()));
        let mut bad = find;
        bad.plate_number = "粤".repeat(33);
        assert!(matches!(
            bad.validate(),
            Err(crate::ValidationError::TooLong { max: 32, len: 33, .. })
        ));
    }

    #[test]
    fn prepares_the_partner_request() {
        let find = FindPartnerParkingService::builder()
            .appid("wxcbda96de0b165486")
            .sub_mchid("1900000109")
            .plate_number("粤B888888")
            .plate_color(PlateColor::Blue)
            .openid("oUpF8uMuAJOM2pxb1Q")
            .build();
        assert_request(
            &find,
            "GET",
            "https://api.mch.weixin.qq.com/v3/vehicle/parking/services/find?appid=wxcbda96de0b165486&sub_mchid=1900000109&plate_number=%E7%B2%A4B888888&plate_color=BLUE&openid=oUpF8uMuAJOM2pxb1Q",
            "",
        );
        assert_query_round_trips(&find, &[]);
        assert_eq!(find.validate(), Ok(()));
    }

    #[tokio::test]
    async fn executes_and_decodes_the_answer() {
        let client = client();
        client.transport().push_response(signed_response(200, ANSWER));
        let find = FindParkingService::builder()
            .appid("wxcbda96de0b165486")
            .plate_number("粤B888888")
            .plate_color(PlateColor::Blue)
            .openid("oUpF8uMuAJOM2pxb1Q")
            .build();
        let service = find.execute(&client).await.unwrap();
        assert_eq!(service.service_state, ParkingServiceState::Normal);
        assert_eq!(service.plate_number, "粤B888888");
        assert_eq!(
            client.transport().requests()[0].uri().path(),
            "/v3/vehicle/parking/services/find"
        );
    }
}
