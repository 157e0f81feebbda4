//! `MockTransport`: canned responses and recorded requests, without a network.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex, PoisonError},
    time::Duration,
};

use crate::error::{TransportError, TransportErrorKind};

use super::Transport;

enum Canned {
    Response(http::Response<Vec<u8>>),
    Error(TransportErrorKind),
    Hang,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Canned>,
    requests: Vec<http::Request<Vec<u8>>>,
}

/// A [`Transport`] that answers each request with the next queued response and records
/// every request it receives. Clones share the queue and the record.
///
/// An empty queue answers with a connection error.
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

impl std::fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("MockTransport")
            .field("queued", &state.queue.len())
            .field("recorded", &state.requests.len())
            .finish()
    }
}

impl MockTransport {
    /// An empty mock.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues a response.
    #[allow(clippy::must_use_candidate)]
    pub fn push_response(&self, response: http::Response<Vec<u8>>) -> &Self {
        self.lock().queue.push_back(Canned::Response(response));
        self
    }

    /// Queues a transport failure of `kind`.
    #[allow(clippy::must_use_candidate)]
    pub fn push_error(&self, kind: TransportErrorKind) -> &Self {
        self.lock().queue.push_back(Canned::Error(kind));
        self
    }

    /// Queues an answer that never comes (to exercise timeouts).
    #[allow(clippy::must_use_candidate)]
    pub fn push_hang(&self) -> &Self {
        self.lock().queue.push_back(Canned::Hang);
        self
    }

    /// The requests received so far, in order.
    #[must_use]
    pub fn requests(&self) -> Vec<http::Request<Vec<u8>>> {
        self.lock().requests.iter().map(clone_request).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn clone_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut out = http::Request::new(request.body().clone());
    *out.method_mut() = request.method().clone();
    *out.uri_mut() = request.uri().clone();
    *out.headers_mut() = request.headers().clone();
    out
}

impl Transport for MockTransport {
    async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let next = {
            let mut state = self.lock();
            state.requests.push(request);
            state.queue.pop_front()
        };
        match next {
            Some(Canned::Response(response)) => Ok(response),
            Some(Canned::Error(kind)) => Err(TransportError::from_kind(kind)),
            Some(Canned::Hang) => {
                tokio::time::sleep(Duration::from_secs(24 * 60 * 60)).await;
                Err(TransportError::from_kind(TransportErrorKind::Timeout))
            }
            None => Err(TransportError::from_kind(TransportErrorKind::Connect)),
        }
    }
}
