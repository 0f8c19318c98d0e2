"""The files a reader downloads: `registry` names every file the site publishes (its format, media type, file name
and where it is listed) and one module per format writes it: a table's CSVs (`csvs`) and workbook (`xlsx`), a
package's zip (`zips`), its check results (`checks`), a 决算's execution table (`execution`), a year's comparison of
its units (`compare`), the long table of every amount (`long`, `parquet`), the SQLite database (`sqlite`), the
Fiscal Data Package (`fiscal`), and the catalogue of all of them (`linked`: DCAT and schema.org)."""
