//! `wxpayScorePlan`: the sign-plan page.

use serde::Serialize;

use super::{BusinessView, sealed::Sealed};

/// 调起支付分-签约计划 (`businessType` `wxpayScorePlan`): opens the page where the user signs
/// a PayScore plan, from the `package` of 创建用户的签约计划 (valid for two hours).
///
/// Not signed. Use it directly as a [`BusinessView`].
///
/// WeChat: <https://pay.weixin.qq.com/doc/v3/partner/4012855942> (JSAPI调起支付分-签约计划,
/// partner); the direct-merchant, mini-program and App pages take the same `package`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SignPlan {
    /// 预签约token `package`: from the create-user-sign-plan answer.
    pub package: String,
}

impl Sealed for SignPlan {}

impl BusinessView for SignPlan {
    const BUSINESS_TYPE: &'static str = "wxpayScorePlan";

    fn fields(&self) -> Vec<(&'static str, &str)> {
        vec![("package", &self.package)]
    }
}
