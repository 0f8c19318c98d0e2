"""The site: packages → Markdown pages, chart containers and download files in the docs folder, which the site
engine then builds. `assemble` orchestrates; `sink` writes (and caches) what is rendered; `markup` escapes and
renders templates; `views` turns packages into what pages show; `navigation` makes the units' menus; `pages/`
holds one module per page kind, each with its template in templates/."""
