//! 智慧零售 (legacy, direct merchant, `/v3/payscore/smartretail-orders...`): the order
//! machine of 先享后付 (`routes/payafter.rs`), with its own order numbers and no sync.

use wxpay_payscore::smartretail_orders::{
    CancelSmartRetailOrder, CompleteSmartRetailOrder, CreateSmartRetailOrder, QuerySmartRetailOrder,
};

use super::{Route, payafter::family_handlers};
use crate::state::legacy::LegacyFamily;

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::endpoint::<CreateSmartRetailOrder>(create),
        Route::endpoint::<QuerySmartRetailOrder>(query),
        Route::endpoint::<CancelSmartRetailOrder>(cancel),
        Route::endpoint::<CompleteSmartRetailOrder>(complete),
    ]
}

family_handlers!(
    LegacyFamily::SmartRetail,
    CreateSmartRetailOrder,
    QuerySmartRetailOrder,
    CancelSmartRetailOrder,
    CompleteSmartRetailOrder
);
