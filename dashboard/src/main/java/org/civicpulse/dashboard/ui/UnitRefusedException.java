package org.civicpulse.dashboard.ui;

/**
 * A view was asked for a unit outside the user's scope ({@code ?unit=…} typed or shared): shown by
 * {@link AccessDeniedView} with HTTP status 403.
 *
 * @see org.civicpulse.dashboard.security.ScopeDeniedException the API's counterpart
 */
public class UnitRefusedException extends RuntimeException {

    private final String unit;
    private final String unitName;
    private final String home;
    private final String homeName;
    private final String username;
    private final String route;

    public UnitRefusedException(String unit, String unitName, String home, String homeName, String username, String route,
                                String reason) {
        super(reason);
        this.unit = unit;
        this.unitName = unitName;
        this.home = home;
        this.homeName = homeName;
        this.username = username;
        this.route = route;
    }

    public String unit() {
        return unit;
    }

    public String unitName() {
        return unitName;
    }

    public String home() {
        return home;
    }

    public String homeName() {
        return homeName;
    }

    public String username() {
        return username;
    }

    public String route() {
        return route;
    }
}
