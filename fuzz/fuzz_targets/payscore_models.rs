//! The PayScore response and notification models, decoded with `wxpay_core::json` as the
//! client decodes verified answers; what decodes is formatted with `Debug` (the redacting
//! impls) and serialized where the type allows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use wxpay_payscore::{
    notification::{AuthorizationNotification, OrderNotification, UserAcceptedNotification},
    partner::service_quotas::ServiceQuotas,
    permissions::{AuthorizationRecord, PreAuthorization, UserRiskAssessment},
    service_order::{
        CancelServiceOrderResponse, CompleteServiceOrderResponse, CreateServiceOrderResponse,
        DirectCompleteServiceOrderResponse, PayServiceOrderResponse, ServiceOrder,
    },
    user_service_state::UserServiceState,
};

fn decode<T: DeserializeOwned + std::fmt::Debug>(data: &[u8]) {
    match wxpay_core::json::from_slice::<T>(data) {
        Ok(value) => {
            let _ = format!("{value:?}");
        }
        Err(e) => {
            let _ = (e.to_string(), format!("{e:?}"));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    decode::<ServiceOrder>(data);
    decode::<CreateServiceOrderResponse>(data);
    decode::<CompleteServiceOrderResponse>(data);
    decode::<DirectCompleteServiceOrderResponse>(data);
    decode::<CancelServiceOrderResponse>(data);
    decode::<PayServiceOrderResponse>(data);
    decode::<AuthorizationRecord>(data);
    decode::<PreAuthorization>(data);
    decode::<UserRiskAssessment>(data);
    decode::<UserServiceState>(data);
    decode::<ServiceQuotas>(data);
    decode::<OrderNotification>(data);
    decode::<AuthorizationNotification>(data);
    decode::<UserAcceptedNotification>(data);
});
