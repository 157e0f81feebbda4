//! `PAYSCORE.BIND_SERVICE_ACCOUNT`: the result of a service-account application (partner).

use serde::{Deserialize, Serialize};

/// The result of 服务账户绑定 (`PAYSCORE.BIND_SERVICE_ACCOUNT`): a sub-merchant's
/// application to use the service provider's PayScore service, made with
/// `POST /v3/payscore/partner/service-account-applications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceAccountNotification {
    /// 服务ID `service_id`.
    pub service_id: String,
    /// 公众账号ID `appid` (the service provider's).
    pub appid: String,
    /// 商户号 `mchid` (the service provider's).
    pub mchid: String,
    /// 子商户公众号ID `sub_appid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_appid: Option<String>,
    /// 子商户号 `sub_mchid`.
    pub sub_mchid: String,
    /// 商户申请绑定单号 `out_apply_no`.
    pub out_apply_no: String,
    /// 受理状态 `apply_state`, as WeChat writes it.
    pub apply_state: String,
    /// 拒绝原因 `reject_reason`, when rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
}
