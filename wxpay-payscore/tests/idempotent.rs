//! Which endpoints the client may re-send after a 5xx or a timeout: exactly the ones WeChat
//! documents as 原参重入 (same parameters, same result), and every `GET`.
#![allow(missing_docs)]

use wxpay_core::{Endpoint, Method};
use wxpay_payscore::{acquiringbank, partner, service_order};

fn idempotent<E: Endpoint>() -> bool {
    E::IDEMPOTENT
}

#[test]
fn create_and_cancel_are_declared_idempotent() {
    assert!(idempotent::<service_order::CreateServiceOrder>());
    assert!(idempotent::<service_order::CancelServiceOrder>());
    assert!(idempotent::<partner::service_order::CreatePartnerServiceOrder>());
    assert!(idempotent::<partner::service_order::CancelPartnerServiceOrder>());
    assert!(idempotent::<acquiringbank::service_order::CreateAcquiringBankServiceOrder>());
}

#[test]
fn charging_operations_are_not() {
    assert!(!idempotent::<service_order::CompleteServiceOrder>());
    assert!(!idempotent::<service_order::PayServiceOrder>());
    assert!(!idempotent::<service_order::ModifyServiceOrder>());
    assert!(!idempotent::<partner::service_order::CompletePartnerServiceOrder>());
    assert!(!idempotent::<partner::service_order::SyncPartnerServiceOrder>());
    assert_eq!(<service_order::QueryServiceOrder as Endpoint>::METHOD, Method::Get);
}
