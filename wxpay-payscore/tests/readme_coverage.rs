//! The README's coverage table matches the code: every endpoint is listed with its method
//! and path as WeChat writes them, and every listed struct exists.
#![allow(missing_docs)]

use wxpay_core::Endpoint;
use wxpay_payscore::{
    acquiringbank, merchant_bill, oversea, partner, payafter_orders, permissions, plan,
    service_order, service_pay_on_delivery_order, sign_plan, smartretail_orders,
    user_service_state, users, vehicle,
};

fn row<E: Endpoint>() -> (String, String) {
    let name = std::any::type_name::<E>().rsplit("::").next().unwrap_or_default().to_owned();
    let path = E::PATH_TEMPLATE.replace('<', "{").replace('>', "}");
    (name, format!("`{} /{path}`", E::METHOD))
}

macro_rules! all {
    ($($e:ty),* $(,)?) => { vec![$(row::<$e>()),*] };
}

#[test]
#[allow(clippy::too_many_lines)] // the list is WeChat's catalogue, one line per endpoint
fn readme_coverage_table_matches_the_endpoints() {
    let endpoints = all![
        service_order::CreateServiceOrder,
        service_order::QueryServiceOrder,
        service_order::CancelServiceOrder,
        service_order::ModifyServiceOrder,
        service_order::CompleteServiceOrder,
        service_order::PayServiceOrder,
        service_order::SyncServiceOrder,
        service_order::SendServiceOrderPendingMessage,
        service_order::SendServiceOrderPrepaidMessage,
        service_order::DirectCompleteServiceOrder,
        partner::service_order::CreatePartnerServiceOrder,
        partner::service_order::QueryPartnerServiceOrder,
        partner::service_order::CancelPartnerServiceOrder,
        partner::service_order::ModifyPartnerServiceOrder,
        partner::service_order::CompletePartnerServiceOrder,
        partner::service_order::PayPartnerServiceOrder,
        partner::service_order::SyncPartnerServiceOrder,
        partner::service_order::SendPartnerServiceOrderPendingMessage,
        partner::service_order::SendPartnerServiceOrderPrepaidMessage,
        partner::service_order::DirectCompletePartnerServiceOrder,
        partner::service_quotas::QueryPartnerServiceQuotas,
        permissions::PreAuthorizePermissions,
        permissions::QueryPermissionsByAuthorizationCode,
        permissions::TerminatePermissionsByAuthorizationCode,
        permissions::QueryPermissionsByOpenid,
        permissions::TerminatePermissionsByOpenid,
        permissions::AssessUserRiskLevel,
        user_service_state::QueryUserServiceState,
        users::TerminateUserPermissions,
        partner::permissions::PreAuthorizePartnerPermissions,
        partner::permissions::ApplyPartnerPermissionsForScene,
        partner::permissions::QueryPartnerPermissionsByAuthorizationCode,
        partner::permissions::TerminatePartnerPermissionsByAuthorizationCode,
        partner::permissions::QueryPartnerPermissionsByOpenid,
        partner::permissions::TerminatePartnerPermissionsByOpenid,
        partner::permissions::AssessPartnerUserRiskLevel,
        payafter_orders::CreatePayAfterOrder,
        payafter_orders::QueryPayAfterOrder,
        payafter_orders::CancelPayAfterOrder,
        payafter_orders::CompletePayAfterOrder,
        payafter_orders::SyncPayAfterOrder,
        smartretail_orders::CreateSmartRetailOrder,
        smartretail_orders::QuerySmartRetailOrder,
        smartretail_orders::CancelSmartRetailOrder,
        smartretail_orders::CompleteSmartRetailOrder,
        vehicle::parking::FindParkingService,
        vehicle::parking::FindPartnerParkingService,
        vehicle::parking::CreateParking,
        vehicle::parking::CreatePartnerParking,
        vehicle::transactions::ChargeParking,
        vehicle::transactions::ChargePartnerParking,
        vehicle::transactions::QueryParkingTransaction,
        vehicle::transactions::QueryPartnerParkingTransaction,
        acquiringbank::permissions::PreAuthorizeAcquiringBankPermissions,
        acquiringbank::permissions::QueryAcquiringBankPermissionsByAuthorizationCode,
        acquiringbank::permissions::TerminateAcquiringBankPermissionsByAuthorizationCode,
        acquiringbank::service_order::CreateAcquiringBankServiceOrder,
        acquiringbank::service_order::QueryAcquiringBankServiceOrder,
        acquiringbank::service_order::CancelAcquiringBankServiceOrder,
        acquiringbank::service_order::CompleteAcquiringBankServiceOrder,
        acquiringbank::service_order::ModifyAcquiringBankServiceOrder,
        acquiringbank::service_order::SyncAcquiringBankServiceOrder,
        acquiringbank::service_order::RegisterAcquiringBankDeductInfo,
        acquiringbank::service_order::QueryAcquiringBankDeduction,
        acquiringbank::CreateAcquiringBankPayOnDeliveryOrder,
        oversea::partner::service_order::CreateOverseaServiceOrder,
        oversea::partner::service_order::QueryOverseaServiceOrder,
        oversea::partner::service_order::CancelOverseaServiceOrder,
        oversea::partner::service_order::CompleteOverseaServiceOrder,
        oversea::partner::service_order::SyncOverseaServiceOrder,
        merchant_bill::GetMerchantBill,
        service_pay_on_delivery_order::CreatePayOnDeliveryOrder,
        partner::service_pay_on_delivery_order::CreatePartnerPayOnDeliveryOrder,
        partner::service_account_applications::CreateServiceAccountApplication,
        partner::service_account_applications::QueryServiceAccountApplication,
        plan::CreatePayScorePlan,
        plan::QueryPayScorePlan,
        plan::StopPayScorePlan,
        plan::partner::CreatePartnerPayScorePlan,
        plan::partner::QueryPartnerPayScorePlan,
        plan::partner::StopPartnerPayScorePlan,
        sign_plan::CreateUserSignPlan,
        sign_plan::QueryUserSignPlan,
        sign_plan::StopUserSignPlan,
        sign_plan::partner::CreatePartnerUserSignPlan,
        sign_plan::partner::QueryPartnerUserSignPlan,
        sign_plan::partner::StopPartnerUserSignPlan,
        sign_plan::CreateSignPlanServiceOrder,
        sign_plan::partner::CreatePartnerSignPlanServiceOrder,
    ];
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let table: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("## PayScore coverage"))
        .take_while(|l| !l.starts_with("## ") || l.starts_with("## PayScore coverage"))
        .filter(|l| l.starts_with('|'))
        .collect();
    for (name, method_path) in &endpoints {
        let cell = format!("`{name}` {method_path}");
        assert!(table.iter().any(|l| l.contains(&cell)), "README coverage table lacks {cell}");
    }
    let listed =
        table.iter().flat_map(|l| l.split("| `").skip(1)).filter(|c| c.contains("` `")).count();
    assert_eq!(listed, endpoints.len(), "the table lists exactly the endpoints");
}
