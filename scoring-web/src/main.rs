//! Entry point: mounts the page (in the browser).
#![forbid(unsafe_code)]

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<scoring_web::app::App>::new().render();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("scoring-web runs in a browser: see scripts/serve.sh");
}
