package org.rollcall.attendance.record;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.rollcall.attendance.policy.Policy;

/**
 * Streams records as CSV straight from a database cursor: memory stays flat whatever the range.
 * Cells that a spreadsheet would run as a formula are prefixed with an apostrophe. Times are ISO-8601
 * with the offset of the site's zone (the last column), as the site's clocks showed them.
 */
@ApplicationScoped
public class CsvExport {
    static final int FETCH_SIZE = 2000;
    static final String HEADER = "day,person_id,site_id,camera_id,check_in,check_out,late,early_leave,source,zone";
    private static final java.time.format.DateTimeFormatter LOCAL_TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final AgroalDataSource dataSource;

    public CsvExport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(String orgId, LocalDate from, LocalDate to, String siteId, String personId, Policy policy,
            OutputStream out) {
        String sql = "SELECT day, person_id, site_id, camera_id, check_in, check_out, late, early_leave, source "
                + "FROM attendance.record WHERE org_id = ? AND day >= ? AND day <= ?"
                + (siteId == null ? "" : " AND site_id = ?") + (personId == null ? "" : " AND person_id = ?")
                + " ORDER BY day, person_id";
        try (Connection c = dataSource.getConnection()) {
            // a cursor needs a transaction in PostgreSQL; without one the driver reads everything
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                int i = 1;
                ps.setString(i++, orgId);
                ps.setDate(i++, Date.valueOf(from));
                ps.setDate(i++, Date.valueOf(to));
                if (siteId != null) {
                    ps.setString(i++, siteId);
                }
                if (personId != null) {
                    ps.setString(i, personId);
                }
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                w.write(HEADER);
                w.write("\r\n");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        java.time.ZoneId zone = policy.zoneOf(rs.getString(3));
                        w.write(rs.getDate(1).toLocalDate().toString());
                        for (int col = 2; col <= 4; col++) {
                            w.write(',');
                            w.write(cell(rs.getString(col)));
                        }
                        w.write(',');
                        w.write(local(rs.getTimestamp(5), zone));
                        w.write(',');
                        w.write(local(rs.getTimestamp(6), zone));
                        w.write(',');
                        w.write(Boolean.toString(rs.getBoolean(7)));
                        w.write(',');
                        w.write(Boolean.toString(rs.getBoolean(8)));
                        w.write(',');
                        w.write(cell(rs.getString(9)));
                        w.write(',');
                        w.write(zone.getId());
                        w.write("\r\n");
                    }
                }
                w.flush();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String local(java.sql.Timestamp t, java.time.ZoneId zone) {
        return t == null ? "" : LOCAL_TIME.format(t.toInstant().atZone(zone));
    }

    /** RFC 4180 quoting, plus an apostrophe before a leading =, +, -, @, tab or CR (formula injection). */
    static String cell(String v) {
        if (v == null || v.isEmpty()) {
            return "";
        }
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
