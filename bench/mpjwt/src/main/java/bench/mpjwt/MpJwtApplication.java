package bench.mpjwt;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** Payara's built-in MP-JWT, configured by the mp.jwt.* variables bench/run.sh sets. */
@LoginConfig(authMethod = "MP-JWT")
@ApplicationPath("api")
@DeclareRoles({"read:notes"})
public class MpJwtApplication extends Application {
}
