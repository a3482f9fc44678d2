//! XLSX workbooks, read and written by a second WebAssembly module
//! (`scoring-web-xlsx`) that the page fetches the first time an assessor
//! imports or exports one: its code is about half of what the page would
//! otherwise download before it is ready (docs/performance.md).
//!
//! The page decides every cell itself ([`scoring_formats::book`]) and
//! hands the module plain data; `boot.js` (or the single file's script)
//! provides `window.__scoringXlsx()`, which imports the module once and
//! resolves to its exports. Natively (the tests) the same functions of
//! `scoring-formats` are called directly.

use std::cell::Cell;

use scoring_core::Table;
use scoring_formats::FormatError;
use scoring_formats::book::Book;
use yew::Callback;

use crate::state::Action;

/// Why the XLSX module could not be used: it could not be fetched or
/// started (what the browser said).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

thread_local! {
    /// Whether the module has been started (so that its loading is only
    /// announced the first time).
    static READY: Cell<bool> = const { Cell::new(false) };
}

#[cfg(target_arch = "wasm32")]
mod module {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// The XLSX module's exports, once started.
        pub type XlsxModule;

        #[wasm_bindgen(catch, js_namespace = window, js_name = __scoringXlsx)]
        fn load_module() -> Result<js_sys::Promise, JsValue>;

        #[wasm_bindgen(method, catch, js_name = readSheet)]
        pub fn read_sheet(
            this: &XlsxModule,
            file_name: &str,
            bytes: &[u8],
        ) -> Result<String, JsValue>;

        #[wasm_bindgen(method, catch, js_name = writeBook)]
        pub fn write_book(this: &XlsxModule, json: &str) -> Result<js_sys::Uint8Array, JsValue>;

        #[wasm_bindgen(method, catch, js_name = writeZip)]
        pub fn write_zip(this: &XlsxModule, json: &str) -> Result<js_sys::Uint8Array, JsValue>;
    }

    /// What a thrown JavaScript value says.
    pub fn message(e: &JsValue) -> String {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| format!("{e:?}"))
    }

    /// The started module.
    pub async fn load() -> Result<XlsxModule, super::Unavailable> {
        let promise = load_module().map_err(|e| super::Unavailable(message(&e)))?;
        let module = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|e| super::Unavailable(message(&e)))?;
        Ok(module.unchecked_into())
    }
}

/// Reads a workbook's first sheet into a table: the outer error when the
/// module cannot be had, the inner one when the file is not a workbook it
/// can read.
pub async fn read(
    file_name: &str,
    bytes: &[u8],
) -> Result<Result<Table, FormatError>, Unavailable> {
    #[cfg(target_arch = "wasm32")]
    {
        let m = module::load().await?;
        READY.with(|r| r.set(true));
        Ok(match m.read_sheet(file_name, bytes) {
            Ok(json) => scoring_formats::book::table_from_json(file_name, &json),
            Err(e) => Err(FormatError::Spreadsheet {
                file: file_name.to_string(),
                detail: module::message(&e),
            }),
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        READY.with(|r| r.set(true));
        Ok(scoring_formats::read_xlsx(file_name, bytes))
    }
}

/// Writes a workbook as XLSX bytes: the outer error when the module cannot
/// be had, the inner one (a message) when writing failed.
pub async fn write(book: &Book) -> Result<Result<Vec<u8>, String>, Unavailable> {
    #[cfg(target_arch = "wasm32")]
    {
        let json = serde_json::to_string(book).map_err(|e| Unavailable(e.to_string()))?;
        let m = module::load().await?;
        READY.with(|r| r.set(true));
        Ok(m.write_book(&json)
            .map(|bytes| bytes.to_vec())
            .map_err(|e| module::message(&e)))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        READY.with(|r| r.set(true));
        Ok(scoring_formats::write_book(book).map_err(|e| e.to_string()))
    }
}

/// Writes workbooks into one zip archive, each under its file name: the
/// outer error when the module cannot be had, the inner one (a message)
/// when writing failed.
pub async fn write_zip(books: &[(String, Book)]) -> Result<Result<Vec<u8>, String>, Unavailable> {
    #[cfg(target_arch = "wasm32")]
    {
        let json = serde_json::to_string(books).map_err(|e| Unavailable(e.to_string()))?;
        let m = module::load().await?;
        READY.with(|r| r.set(true));
        Ok(m.write_zip(&json)
            .map(|bytes| bytes.to_vec())
            .map_err(|e| module::message(&e)))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        READY.with(|r| r.set(true));
        Ok(scoring_formats::write_zip(books, None).map_err(|e| e.to_string()))
    }
}

/// Runs `work` (a read or write through the module) in the background:
/// the first time, the page says the XLSX component is loading until it
/// is there; when it cannot be fetched, the page says so and why. `done`
/// gets what the work gave, once the module was there.
pub fn spawn<T: 'static>(
    dispatch: Callback<Action>,
    work: impl std::future::Future<Output = Result<T, Unavailable>> + 'static,
    done: impl FnOnce(T) + 'static,
) {
    let first = !READY.with(Cell::get);
    if first {
        dispatch.emit(Action::XlsxLoading(true));
    }
    wasm_bindgen_futures::spawn_local(async move {
        let result = work.await;
        if first {
            dispatch.emit(Action::XlsxLoading(false));
        }
        match result {
            Ok(value) => done(value),
            Err(Unavailable(why)) => {
                dispatch.emit(Action::Notify(crate::state::Notice::XlsxUnavailable(why)))
            }
        }
    });
}

/// Reads a chosen data file, then hands it to `done`: a CSV file at once,
/// a workbook once the XLSX module has read it.
pub fn read_data_file(
    file: web_sys::File,
    dispatch: Callback<Action>,
    done: impl FnOnce(crate::state::DataFile) + 'static,
) {
    crate::browser::read_file(file, move |name, bytes| {
        if scoring_formats::is_xlsx(&bytes) {
            spawn(
                dispatch,
                async move {
                    let table = read(&name, &bytes).await?;
                    Ok(crate::state::DataFile::workbook(&name, table))
                },
                done,
            );
        } else {
            done(crate::state::DataFile::text(&name, &bytes));
        }
    });
}
