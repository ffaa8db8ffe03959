//! The request id: taken from `x-request-id` when a proxy set one, otherwise a new UUID; sent
//! back on every response, attached to every log line, and quoted in 5xx bodies.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use uuid::Uuid;

pub const HEADER: &str = "x-request-id";

tokio::task_local! {
    static CURRENT: String;
}

/// The id of the request being handled, if called inside one.
pub fn current() -> Option<String> {
    CURRENT.try_with(Clone::clone).ok()
}

/// `work` with the current request's id, for work that moves to another runtime (task-local
/// values stay behind with the task that set them).
pub(crate) fn carry<F: std::future::Future>(
    work: F,
) -> impl std::future::Future<Output = F::Output> {
    let id = current();
    async move {
        match id {
            Some(id) => CURRENT.scope(id, work).await,
            None => work.await,
        }
    }
}

fn acceptable(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

pub async fn middleware(mut request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| acceptable(v))
        .map(str::to_owned)
        .unwrap_or_else(|| Uuid::now_v7().to_string());
    if let Ok(value) = HeaderValue::from_str(&id) {
        request.headers_mut().insert(HEADER, value.clone());
        let mut response = CURRENT.scope(id, next.run(request)).await;
        response.headers_mut().insert(HEADER, value);
        response
    } else {
        next.run(request).await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_safe_ids_are_taken_over() {
        assert!(super::acceptable("abc-123_x.y"));
        assert!(!super::acceptable("a b"));
        assert!(!super::acceptable(&"x".repeat(65)));
        assert!(!super::acceptable("<script>"));
    }
}
