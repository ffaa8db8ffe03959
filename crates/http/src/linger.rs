//! Lingering reads: a client still sending a body when the server answers early (413 for an
//! oversized upload, 401/404 before an import is read) must still receive that answer.
//!
//! Closing a connection with unread request data makes the kernel send a reset, which
//! destroys the answer on its way to the client (it sees "broken pipe" instead of 413). So
//! the request body is pumped to the handler by a task; when the handler stops reading, the
//! task keeps reading and discarding — at most [`LINGER_BYTES`] for at most [`LINGER_TIME`],
//! like nginx's lingering close — so the answer arrives before the connection ends.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use futures::StreamExt;
use http_body_util::BodyExt;
use tokio::sync::mpsc;

/// How much unread body is discarded after an early answer.
const LINGER_BYTES: u64 = 64 * 1024 * 1024;
/// How long an early answer waits for the client to stop sending.
const LINGER_TIME: Duration = Duration::from_secs(5);

/// Chunks in flight between the pump and the handler: enough to keep a fast upload moving,
/// small enough that memory stays flat.
const CHANNEL_CHUNKS: usize = 8;

type Chunk = Result<Bytes, axum::Error>;

pub async fn middleware(request: Request, next: Next) -> Response {
    let has_body = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if !has_body {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let (sender, receiver) = mpsc::channel::<Chunk>(CHANNEL_CHUNKS);
    tokio::spawn(pump(body, sender));
    let stream = futures::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    next.run(Request::from_parts(
        parts,
        Body::from_stream(stream.boxed()),
    ))
    .await
}

/// Forwards the body's data to the handler; after the handler has dropped its end, drains
/// the rest within the linger bounds.
async fn pump(mut body: Body, sender: mpsc::Sender<Chunk>) {
    loop {
        match body.frame().await {
            None => return,
            Some(Err(e)) => {
                let _ = sender.send(Err(e)).await;
                return;
            }
            Some(Ok(frame)) => {
                let Ok(data) = frame.into_data() else {
                    continue; // trailers: nothing the handlers read
                };
                if sender.send(Ok(data)).await.is_err() {
                    break;
                }
            }
        }
    }
    let drain = async {
        let mut discarded = 0u64;
        while let Some(Ok(frame)) = body.frame().await {
            if let Some(data) = frame.data_ref() {
                discarded += data.len() as u64;
                if discarded > LINGER_BYTES {
                    return;
                }
            }
        }
    };
    let _ = tokio::time::timeout(LINGER_TIME, drain).await;
}
