/**
 * frp's legacy INI format (frps.ini, frpc.ini), in its parts: the syntax
 * ({@link io.jfrp.config.read.ini.IniDocument}), frp's key tables from INI to v1 names
 * ({@link io.jfrp.config.read.ini.IniKeyTables}, whose rows are the data file {@code legacy-ini-keys.txt}) and the rewrite of a document into a v1 tree
 * ({@link io.jfrp.config.read.ini.LegacyIniReader}), which then goes through the same validation as TOML.
 */
package io.jfrp.config.read.ini;
