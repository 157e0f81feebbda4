// Included by the pass cases that check the prepared request.

/// A client that signs with the documentation's test key and sends nowhere.
fn client() -> wxpay_core::Client<wxpay_core::transport::MockTransport> {
    wxpay_core::Client::builder()
        .mchid("1900007291")
        .merchant_serial("408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB")
        .private_key_pem(wxpay_core::testing::DOC_PRIVATE_KEY_PEM)
        .danger_accept_unverified_responses()
        .build_with_transport(wxpay_core::transport::MockTransport::new())
        .unwrap()
}
