package org.activerecorder.it.smoke.deployment;

import jakarta.annotation.Resource;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What RecorderDS is, as JDBC sees it from inside the server: product, URL and the users table's size. */
@WebServlet("/db")
public class DataSourceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:jboss/datasources/RecorderDS")
    private transient DataSource recorderDs;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (Connection connection = recorderDs.getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM recorder_user")) {
            count.next();
            DatabaseMetaData meta = connection.getMetaData();
            response.setContentType("application/json");
            response.getWriter().write(Json.createObjectBuilder()
                    .add("product", meta.getDatabaseProductName())
                    .add("url", meta.getURL())
                    .add("users", count.getLong(1))
                    .build().toString());
        } catch (SQLException e) {
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.toString());
        }
    }
}
