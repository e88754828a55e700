<#-- Shared layout of Viewgate's pages. Uses the realm login theme's stylesheets (keycloak.v2: PatternFly 5)
     plus viewgate.css, so it renders under any login theme. Output is HTML-escaped by Keycloak's FreeMarker setup.
     Every page has: the way back (to the app the person came from, else Keycloak's account page), "My access", the
     deciders' queue with its pending badge, the language switch, sign out, and the view-as banner while it is on. -->
<#macro page title badge="" badgeLabel="">
<!DOCTYPE html>
<html lang="${lang!'en'}">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <title>${title} · ${realm.displayName!realm.name}</title>
    <#if properties.stylesCommon?has_content>
        <#list properties.stylesCommon?split(' ') as style>
    <link href="${url.resourcesCommonPath}/${style}" rel="stylesheet">
        </#list>
    </#if>
    <link href="${url.resourcesPath}/css/viewgate.css" rel="stylesheet">
</head>
<body class="viewgate">
<#-- The view-as banner slot: every page shows it while view-as is active. -->
<#if viewAsBanner??>
    <div class="viewgate-banner" role="status" id="viewgate-view-as-banner">
        <span id="viewgate-view-as-text">${msg("viewgateViewingAs", viewAsBanner.subject)}</span>
        <form method="post" action="${viewAsBanner.exitUrl}">
            <input type="hidden" name="csrf" value="${csrf}">
            <button type="submit" id="viewgate-view-as-exit" class="viewgate-button">${msg("viewgateViewAsExit")}</button>
        </form>
    </div>
</#if>
<header class="viewgate-header">
    <div class="viewgate-header-start">
        <a class="viewgate-back" id="viewgate-back" href="${back.url}"><span aria-hidden="true">&larr;</span> <#if back.app?has_content>${msg("viewgateBackToApp", back.app)}<#else>${msg("viewgateBackToAccount")}</#if></a>
        <a class="viewgate-brand" id="viewgate-brand" href="${homeUrl}">${realm.displayName!realm.name}</a>
    </div>
    <nav class="viewgate-nav" aria-label="${msg("viewgateNavigation")}">
        <a href="${homeUrl}" id="viewgate-nav-home">${msg("viewgateMyAccess")}</a>
        <#if queueNav??>
        <a href="${queueNav.url}" id="viewgate-nav-queue">${msg("viewgateOpenQueue")} <span class="viewgate-badge" id="viewgate-nav-badge" title="${msg("viewgatePendingCount", queueNav.count?c)}">${queueNav.count?c}</span></a>
        </#if>
        <a href="${signOutUrl}" id="viewgate-nav-sign-out">${msg("viewgateSignOut")}</a>
        <#if languages?has_content>
        <span class="viewgate-languages" id="viewgate-languages" role="group" aria-label="${msg("viewgateLanguage")}">
            <#list languages as language>
            <#if language.current>
            <span class="viewgate-language viewgate-language-current" lang="${language.tag}" aria-current="true" id="viewgate-lang-${language.tag}">${language.label}</span>
            <#else>
            <a class="viewgate-language" href="${language.url}" lang="${language.tag}" hreflang="${language.tag}" id="viewgate-lang-${language.tag}">${language.label}</a>
            </#if>
            </#list>
        </span>
        </#if>
    </nav>
</header>
<main class="viewgate-main">
    <section class="viewgate-card">
        <h1 class="viewgate-title">${title}<#if badge?has_content> <span class="viewgate-badge viewgate-badge-large" id="viewgate-pending-count" title="${badgeLabel}">${badge}</span></#if></h1>
        <#nested>
    </section>
</main>
</body>
</html>
</#macro>

<#-- The success notice and the error of a page: a notice says what happened; an error says what was not done and why. -->
<#macro notices noticeText="" errorTitle="">
    <#if noticeText?has_content>
    <div class="viewgate-notice" id="viewgate-notice-box" role="status">
        <span class="viewgate-icon" aria-hidden="true">&#10003;</span>
        <p id="viewgate-notice">${noticeText}</p>
    </div>
    </#if>
    <#if errorKey??>
    <div class="viewgate-error" id="viewgate-error-box" role="alert">
        <span class="viewgate-icon" aria-hidden="true">!</span>
        <div>
            <#if errorTitle?has_content><p class="viewgate-error-title" id="viewgate-error-title">${errorTitle}</p></#if>
            <p id="viewgate-error">${msg(errorKey)}</p>
        </div>
    </div>
    </#if>
</#macro>

<#-- "2 minutes ago" from a {key, amount, iso} map, with the exact time for those who hover or read it aloud. -->
<#macro ago when><time datetime="${when.iso}" title="${when.iso}">${msg(when.key, when.amount?c)}</time></#macro>
<#function agoText when><#return msg(when.key, when.amount?c)></#function>
